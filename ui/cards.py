"""Product cards as HTML, rendered from catalog data only, every text escaped."""

from __future__ import annotations

from html import escape


def _safe_image(url: str) -> str:
    if url.startswith(("data:image/svg+xml;base64,", "data:image/png;base64,", "data:image/jpeg;base64,",
                       "https://", "http://")):
        return escape(url, quote=True)
    return ""


def card_html(shown, position: int) -> str:
    p = shown.product
    img = _safe_image(p.image_url or "")
    image = f'<img src="{img}" alt="" loading="lazy">' if img else '<div class="sg-noimg"></div>'
    price = f"{p.price:,.2f} {escape(p.currency)}" if p.price is not None else "price on request"
    rating = f"★ {p.rating:.1f} ({p.review_count:,})" if p.rating is not None else ""
    facts = ", ".join(escape(str(f)) for f in p.features[:4])
    violates = (
        f'<div class="sg-violates">Not a full match: {escape("; ".join(shown.violates))}</div>' if shown.violates else ""
    )
    return (
        f'<div class="sg-card" data-product-id="{escape(p.id, quote=True)}" data-position="{position}">'
        f"{image}<div class='sg-body'><div class='sg-title'>{position}. {escape(p.title)}</div>"
        f"<div class='sg-brand'>{escape(p.brand)}</div><div class='sg-price'>{price}</div>"
        f"<div class='sg-rating'>{rating}</div><div class='sg-facts'>{facts}</div>"
        f"<div class='sg-why'>{escape(shown.why)}</div>{violates}</div></div>"
    )


def cards_html(products) -> str:
    if not products:
        return '<div class="sg-cards sg-empty">No products yet — tell me what you are looking for.</div>'
    return '<div class="sg-cards">' + "".join(card_html(s, i) for i, s in enumerate(products, start=1)) + "</div>"


CSS = """
.sg-cards {display:grid; grid-template-columns:repeat(auto-fill,minmax(200px,1fr)); gap:10px;}
.sg-card {border:1px solid #ddd; border-radius:10px; padding:8px; background:#fff; color:#222;}
.sg-card img {width:100%; height:120px; object-fit:contain; background:#f6f6f6; border-radius:6px;}
.sg-title {font-weight:600; margin-top:4px;} .sg-brand {color:#666; font-size:0.9em;}
.sg-price {font-weight:700; color:#0a6;} .sg-rating {color:#b80; font-size:0.9em;}
.sg-facts, .sg-why {font-size:0.85em; color:#444;} .sg-violates {color:#b00; font-size:0.85em;}
@media (max-width: 480px) {.sg-cards {grid-template-columns:1fr;}}
"""
