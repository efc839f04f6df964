"""Product cards as HTML, rendered from catalog data only, every text escaped.

Catalog text is untrusted (a merchant feed can contain ``<script>``), so every string
goes through ``html.escape`` and images are limited to http(s) and inline raster/SVG
data URLs (an SVG in an ``<img>`` cannot run script). The 👍/👎/🛒 buttons carry
``data-event``/``data-product-id``/``data-position``; the page's script turns a click
into a feedback call (see ``ui.gradio_app.CARDS_JS``). A title ``<script>x</script>``
is rendered as ``&lt;script&gt;x&lt;/script&gt;``: visible text, never markup.
"""

from __future__ import annotations

from html import escape

from retrieval.text.money import price_text   # the one price formatter; ui.terminal imports it from here
from ui.labels import labels

# Inline SVG icons rather than emoji: they render the same with or without an emoji font.
_THUMB = ('<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"{flip}><path fill="currentColor" '
          'd="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 '
          '9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"/></svg>')
_CART = ('<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" '
         'd="M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM1 2v2h2l3.6 7.6-1.4 2.4A2 2 0 0 0 7 17h12v-2H7.4l1.1-2h7.5c.8 '
         '0 1.4-.4 1.7-1l3.6-6.5A1 1 0 0 0 20.4 4H5.2l-.9-2H1zm16 16a2 2 0 1 0 0 4 2 2 0 0 0 0-4z"/></svg>')
# (event, icon, label key in ui/lang/*.yaml "cards")
FEEDBACK_BUTTONS = (
    ("thumbs_up", _THUMB.format(flip=""), "good_pick"),
    ("thumbs_down", _THUMB.format(flip=' style="transform:scale(1,-1)"'), "not_for_me"),
    ("add_to_cart", _CART + "<span>{add_to_cart}</span>", "add_to_cart"),
)
_IMAGE_PREFIXES = ("data:image/svg+xml;base64,", "data:image/png;base64,", "data:image/jpeg;base64,",
                   "data:image/webp;base64,", "https://", "http://")
_ATTRIBUTE_KEYS = ("colour", "color", "material", "size", "gender", "players")


def _safe_image(url: str) -> str:
    if url.startswith(_IMAGE_PREFIXES) and '"' not in url:
        return escape(url, quote=True)
    return ""


def key_attributes(product, limit: int = 5) -> list[str]:
    """Short ``name: value`` facts for a card, e.g. ``["colour: red", "waterproof"]``."""
    facts = [f"{key}: {product.attributes[key]}" for key in _ATTRIBUTE_KEYS
             if isinstance(product.attributes.get(key), (str, int, float)) and str(product.attributes[key]).strip()]
    facts = facts[:3] + product.features[: max(0, limit - min(3, len(facts)))]
    return facts[:limit]


def card_html(shown, position: int, session_id: str = "", language: str = "en") -> str:
    """One product card; ``shown`` is an ``assistant.reply.ShownProduct``; captions in ``language``."""
    words = labels(language)["cards"]
    p = shown.product
    img = _safe_image(p.image_url or "")
    image = (f'<img class="sg-img" src="{img}" alt="{escape(p.title, quote=True)}" loading="lazy">' if img
             else f'<div class="sg-img sg-noimg" aria-hidden="true">{escape(words["no_image"])}</div>')
    rating_title = escape(words["rating_title"].format(rating=f"{p.rating:.1f}"), quote=True) if p.rating is not None else ""
    rating = (f'<span class="sg-rating" title="{rating_title}">★ {p.rating:.1f}'
              f' <span class="sg-reviews">({p.review_count:,})</span></span>' if p.rating is not None else "")
    chips = "".join(f'<span class="sg-chip">{escape(str(f))}</span>' for f in key_attributes(p))
    violates = (f'<div class="sg-violates">{escape(words["not_full_match"])} {escape("; ".join(shown.violates))}</div>'
                if shown.violates else "")
    why = (f'<div class="sg-why"><span class="sg-why-label">{escape(words["why"])}</span> {escape(shown.why)}</div>'
           if shown.why else "")
    pid = escape(p.id, quote=True)
    buttons = "".join(
        f'<button type="button" class="sg-fb sg-fb-{event}" data-event="{event}" data-product-id="{pid}" '
        f'data-position="{position}" title="{escape(words[key], quote=True)}" aria-label="{escape(words[key], quote=True)}">'
        f'{icon.replace("{add_to_cart}", escape(words["add_to_cart"]))}</button>'
        for event, icon, key in FEEDBACK_BUTTONS
    )
    stock = (f'<span class="sg-stock-low">{escape(words["few_left"])}</span>'
             if p.stock is not None and 0 < p.stock <= 3 else "")
    return (
        f'<article class="sg-card" data-product-id="{pid}" data-position="{position}" '
        f'data-session-id="{escape(session_id, quote=True)}">'
        f'{image}<div class="sg-body">'
        f'<div class="sg-title"><span class="sg-pos">{position}</span> {escape(p.title)}</div>'
        f'<div class="sg-meta"><span class="sg-brand">{escape(p.brand)}</span>{rating}</div>'
        f'<div class="sg-price">{escape(price_text(p))} {stock}</div>'
        f'<div class="sg-chips">{chips}</div>{why}{violates}'
        f'<div class="sg-actions">{buttons}<span class="sg-status" role="status"></span></div>'
        f"</div></article>"
    )


def cards_html(products, session_id: str = "", notice: str | None = None, language: str = "en") -> str:
    """All cards of a reply, or a friendly empty state (``notice`` when nothing matched)."""
    if not products:
        text = notice or labels(language)["cards"]["empty"]
        return f'<div class="sg-cards sg-empty">{escape(text)}</div>'
    cards = "".join(card_html(s, i, session_id, language) for i, s in enumerate(products, start=1))
    return f'<div class="sg-cards" data-session-id="{escape(session_id, quote=True)}">{cards}</div>'


CSS = """
.sg-typing { letter-spacing: 2px; opacity: .55; animation: sg-blink 1.2s ease-in-out infinite; }
@keyframes sg-blink { 0%, 100% { opacity: .2; } 50% { opacity: .8; } }
.sg-cards {display:grid; grid-template-columns:repeat(auto-fill,minmax(210px,1fr)); gap:12px;}
.sg-empty {display:block; padding:18px; border:1px dashed #c9ccd3; border-radius:12px; color:#667;
  text-align:center; background:#fafbfc;}
.sg-card {display:flex; flex-direction:column; border:1px solid #e3e5ea; border-radius:12px; overflow:hidden;
  background:#fff; color:#1f2328; box-shadow:0 1px 2px rgba(0,0,0,.05); min-width:0;}
.sg-img {width:100%; height:140px; object-fit:contain; background:#f5f6f8; display:block;}
.sg-noimg {display:flex; align-items:center; justify-content:center; color:#8a909a; font-size:.8em;}
.sg-body {padding:10px 12px 12px; display:flex; flex-direction:column; gap:5px; flex:1; min-width:0;}
.sg-title, .sg-brand, .sg-why, .sg-chip, .sg-violates {overflow-wrap:anywhere;}
.sg-title {font-weight:600; line-height:1.3;}
.sg-pos {display:inline-block; min-width:1.4em; padding:0 4px; margin-right:2px; border-radius:6px;
  background:#eef2ff; color:#3b4cca; font-size:.85em; text-align:center;}
.sg-meta {display:flex; justify-content:space-between; align-items:baseline; gap:6px; font-size:.9em; color:#59606b;}
.sg-brand {min-width:0;} .sg-rating {color:#b7791f; white-space:nowrap;} .sg-reviews {color:#8a909a;}
.sg-price {font-weight:700; font-size:1.1em; color:#0b7a4b;}
.sg-stock-low {font-weight:400; font-size:.75em; color:#b54708; margin-left:4px;}
.sg-chips {display:flex; flex-wrap:wrap; gap:4px;}
.sg-chip {font-size:.75em; padding:1px 7px; border-radius:999px; background:#f1f3f6; color:#3d434c; max-width:100%;}
.sg-why {font-size:.85em; color:#3d434c;} .sg-why-label {font-weight:600;}
.sg-violates {color:#b42318; font-size:.85em;}
.sg-actions {display:flex; flex-wrap:wrap; align-items:center; gap:6px; margin-top:auto; padding-top:6px;}
.sg-fb {display:inline-flex; align-items:center; gap:5px; border:1px solid #d0d4db; background:#fff;
  border-radius:8px; padding:4px 10px; cursor:pointer; font-size:.9em; font-weight:600; color:#3d434c; min-height:34px;}
.sg-fb:hover {background:#f3f4f6;} .sg-fb-thumbs_up.sg-done {color:#0b7a4b; border-color:#0b7a4b; background:#ecfdf3;}
.sg-fb-thumbs_down.sg-done {color:#b42318; border-color:#b42318; background:#fef3f2;}
.sg-fb-add_to_cart, .sg-fb-add_to_cart span {background:#1f6feb; color:#fff !important; border-color:#1f6feb;}
.sg-fb-add_to_cart:hover, .sg-fb-add_to_cart:hover span {background:#1a5fd0;}
.sg-fb-add_to_cart.sg-done, .sg-fb-add_to_cart.sg-done span {background:#0b7a4b; border-color:#0b7a4b;}
.sg-status {font-size:.8em; color:#0b7a4b;}
#sg-header h2 {margin:0;} #sg-header p {margin:2px 0 0; color:#59606b;}
/* comparison tables in the chat: the bubble is narrow, so the table scrolls sideways instead of
   squeezing its label column to one letter per line */
#sg-chat table {display:block; overflow-x:auto; max-width:100%; border-collapse:collapse; table-layout:auto;}
#sg-chat th, #sg-chat td {padding:3px 8px; vertical-align:top; min-width:8em; word-break:normal; overflow-wrap:normal;}
#sg-chat tr > :first-child {min-width:7em; max-width:12em; font-weight:600;}
@media (max-width: 640px) {
  .sg-cards {grid-template-columns:1fr;}
  .sg-card {flex-direction:row;}
  .sg-img {width:88px; min-width:88px; height:88px; margin:10px 0 0 10px; border-radius:8px;}
  #sg-chat {height:60vh !important; max-height:60vh;}
}
"""
