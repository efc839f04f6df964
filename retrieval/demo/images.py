"""Tiny flat SVG product icons, returned as ``data:`` URIs, for the demo catalog.

The demo catalog has no real photos, but the UI looks far better with a picture
per product.  ``svg_data_uri`` draws a simple icon for the product's category
(jacket, shoe, headphones, pot, bottle, ball, blocks ...) filled with the
product's colour on a light background.  Output is deterministic: variation
between products comes from a CRC32 of ``seed_text`` (never ``hash()``), and
each URI stays well under 1.5 KB so a 1600-product catalog remains small.
"""

import base64
import zlib

__all__ = ["svg_data_uri", "COLOUR_HEX"]

COLOUR_HEX = {
    "black": "#262626", "white": "#f5f5f5", "red": "#d32f2f", "blue": "#1e6fd9", "navy": "#1f2f5c",
    "green": "#2e8b57", "olive": "#6b7a2a", "yellow": "#f2c200", "orange": "#ef7d16", "pink": "#e86aa6",
    "purple": "#7b4bb7", "grey": "#8e8e8e", "gray": "#8e8e8e", "beige": "#d9c7a3", "brown": "#7a4e2d",
    "teal": "#1b9a9a", "silver": "#c0c0c0", "gold": "#d4a017",
}
UNKNOWN = "#9e9e9e"
BACKGROUNDS = ["#f4f1ea", "#eef3f7", "#f1f5ec", "#f7eef0", "#f1eff7", "#edf6f5", "#f6f4ee"]

# Each shape: SVG elements in a 100x100 box; F = fill colour, S = darker stroke colour.
SHAPES = {
    "jacket": '<path d="M36 18L46 14Q50 22 54 14L64 18L82 36L73 45L67 39V84H33V39L27 45L18 36Z" fill="F" '
              'stroke="S" stroke-width="2"/><path d="M50 22V84" stroke="S" stroke-width="2"/>',
    "shirt": '<path d="M36 20L44 16Q50 24 56 16L64 20L80 32L72 42L66 38V82H34V38L28 42L20 32Z" fill="F" '
             'stroke="S" stroke-width="2"/>',
    "dress": '<path d="M42 14H58L60 34L74 82H26L40 34Z" fill="F" stroke="S" stroke-width="2"/>',
    "shoe": '<path d="M14 64Q14 46 26 46L42 52Q52 54 58 44H66Q70 56 84 58Q90 60 89 68H14Z" fill="F" '
            'stroke="S" stroke-width="2"/><rect x="13" y="68" width="77" height="6" rx="2" fill="S"/>',
    "boot": '<path d="M32 18H54V52Q72 54 82 60Q88 64 87 70H30Z" fill="F" stroke="S" stroke-width="2"/>'
            '<rect x="29" y="70" width="59" height="7" rx="2" fill="S"/>',
    "backpack": '<rect x="28" y="22" width="44" height="62" rx="12" fill="F" stroke="S" stroke-width="2"/>'
                '<rect x="36" y="56" width="28" height="20" rx="4" fill="S" opacity=".45"/>'
                '<path d="M40 22Q50 8 60 22" fill="none" stroke="S" stroke-width="3"/>',
    "tent": '<path d="M50 18L86 80H14Z" fill="F" stroke="S" stroke-width="2"/><path d="M50 44L62 80H38Z" fill="S"/>',
    "headphones": '<path d="M24 60V48Q24 20 50 20Q76 20 76 48V60" fill="none" stroke="S" stroke-width="6"/>'
                  '<rect x="16" y="52" width="18" height="28" rx="7" fill="F" stroke="S" stroke-width="2"/>'
                  '<rect x="66" y="52" width="18" height="28" rx="7" fill="F" stroke="S" stroke-width="2"/>',
    "speaker": '<rect x="28" y="16" width="44" height="68" rx="10" fill="F" stroke="S" stroke-width="2"/>'
               '<circle cx="50" cy="58" r="14" fill="S" opacity=".6"/><circle cx="50" cy="32" r="6" fill="S" opacity=".6"/>',
    "gadget": '<rect x="24" y="18" width="52" height="64" rx="9" fill="F" stroke="S" stroke-width="2"/>'
              '<rect x="31" y="25" width="38" height="44" rx="3" fill="#dfe9f2"/>',
    "pot": '<rect x="22" y="40" width="56" height="38" rx="8" fill="F" stroke="S" stroke-width="2"/>'
           '<rect x="18" y="34" width="64" height="7" rx="3" fill="S"/><rect x="44" y="27" width="12" height="7" rx="3" '
           'fill="S"/><path d="M22 50H12M78 50H88" stroke="S" stroke-width="5"/>',
    "pan": '<circle cx="42" cy="56" r="26" fill="F" stroke="S" stroke-width="3"/><circle cx="42" cy="56" r="18" '
           'fill="S" opacity=".25"/><path d="M66 48L92 36" stroke="S" stroke-width="7" stroke-linecap="round"/>',
    "mug": '<rect x="26" y="28" width="40" height="52" rx="6" fill="F" stroke="S" stroke-width="2"/>'
           '<path d="M66 40Q82 40 82 54Q82 66 66 66" fill="none" stroke="S" stroke-width="5"/>',
    "bottle": '<rect x="43" y="12" width="14" height="14" rx="2" fill="S"/><rect x="32" y="26" width="36" height="60" '
              'rx="8" fill="F" stroke="S" stroke-width="2"/><rect x="38" y="46" width="24" height="20" rx="2" fill="#fff" '
              'opacity=".7"/>',
    "ball": '<circle cx="50" cy="50" r="32" fill="F" stroke="S" stroke-width="2"/><path d="M18 50H82M50 18V82'
            'M27 27Q50 50 27 73M73 27Q50 50 73 73" fill="none" stroke="S" stroke-width="2"/>',
    "mat": '<rect x="14" y="30" width="58" height="40" rx="3" fill="F" stroke="S" stroke-width="2"/>'
           '<circle cx="74" cy="50" r="20" fill="F" stroke="S" stroke-width="2"/><circle cx="74" cy="50" r="8" fill="S" '
           'opacity=".5"/>',
    "dumbbell": '<rect x="14" y="32" width="14" height="36" rx="3" fill="F" stroke="S" stroke-width="2"/><rect x="72" '
                'y="32" width="14" height="36" rx="3" fill="F" stroke="S" stroke-width="2"/><rect x="28" y="46" '
                'width="44" height="8" fill="S"/>',
    "blocks": '<rect x="18" y="50" width="30" height="30" rx="3" fill="F" stroke="S" stroke-width="2"/><rect x="52" '
              'y="50" width="30" height="30" rx="3" fill="F" stroke="S" stroke-width="2"/><rect x="35" y="18" '
              'width="30" height="30" rx="3" fill="F" stroke="S" stroke-width="2"/>',
    "boxgame": '<rect x="16" y="24" width="68" height="52" rx="4" fill="F" stroke="S" stroke-width="2"/><rect '
               'x="52" y="48" width="20" height="20" rx="4" fill="#fff" stroke="S" stroke-width="2"/><circle cx="57" '
               'cy="53" r="2" fill="S"/><circle cx="67" cy="63" r="2" fill="S"/><circle cx="62" cy="58" r="2" fill="S"/>',
    "bedding": '<rect x="14" y="36" width="72" height="40" rx="6" fill="F" stroke="S" stroke-width="2"/><rect x="20" '
               'y="26" width="28" height="16" rx="6" fill="#fff" stroke="S" stroke-width="2"/>',
    "knife": '<path d="M16 58L66 40Q74 40 72 48L20 64Z" fill="#d9dde2" stroke="S" stroke-width="2"/><rect x="66" y="42" '
             'width="22" height="10" rx="4" fill="F" stroke="S" stroke-width="2" transform="rotate(-18 66 42)"/>',
}
# Ordered keyword rules on the lower-cased category path; first match wins.
RULES = [
    ("dress", "dress"), ("jacket", "jacket"), ("outerwear", "jacket"), ("sweater", "jacket"), ("t-shirt", "shirt"),
    ("jeans", "shirt"), ("socks", "shoe"), ("boots", "boot"), ("slipper", "shoe"), ("shoe", "shoe"),
    ("sneaker", "shoe"), ("sandal", "shoe"), ("backpack", "backpack"), ("tent", "tent"), ("trekking", "tent"), ("sleeping", "backpack"),
    ("headphone", "headphones"), ("speaker", "speaker"), ("cookware", "pan"), ("drinkware", "mug"),
    ("appliance", "pot"), ("bedding", "bedding"), ("knives", "knife"), ("yoga", "mat"), ("strength", "dumbbell"),
    ("board game", "boxgame"), ("puzzle", "boxgame"), ("electronics", "gadget"), ("kitchen", "pot"),
    ("beauty", "bottle"), ("sports", "ball"), ("toys", "blocks"), ("outdoor", "jacket"), ("apparel", "shirt"),
]


def _darken(hex_colour, factor=0.62):
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * factor), int(g * factor), int(b * factor))


def svg_data_uri(category: str, colour: str, seed_text: str) -> str:
    """Return a ``data:image/svg+xml;base64,...`` icon for a product.

    ``category`` may be a full path ("Shoes > Running Shoes") or a top level;
    unknown colours are drawn grey; ``seed_text`` (e.g. the title) picks the
    background tint and a small accent so neighbouring products differ.
    """
    cat = (category or "").lower()
    shape = next((s for kw, s in RULES if kw in cat), "blocks")
    fill = COLOUR_HEX.get((colour or "").strip().lower(), UNKNOWN)
    stroke = _darken(fill) if fill != COLOUR_HEX["black"] else "#000000"
    crc = zlib.crc32((seed_text or "").encode("utf-8"))
    bg = BACKGROUNDS[crc % len(BACKGROUNDS)]
    ax, ay = 12 + (crc >> 8) % 12, 12 + (crc >> 16) % 8
    body = SHAPES[shape].replace('"F"', f'"{fill}"').replace('"S"', f'"{stroke}"')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="160" height="160">'
           f'<rect width="100" height="100" rx="8" fill="{bg}"/><circle cx="{100 - ax}" cy="{ay}" r="4" '
           f'fill="{fill}" opacity=".35"/>{body}</svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
