"""Spec helpers and constants shared by the demo vocabulary modules (see ``demo_vocab``)."""


def F(spec):
    """Parse ``"tag:.5|other:.2"`` into an ordered dict tag -> probability."""
    out = {}
    for part in spec.split("|"):
        tag, _, p = part.rpartition(":")
        out[tag] = float(p)
    return out


def N(noun, forced="", excl="", w=1, pm=1.0):
    """A product noun with forced/excluded feature tags and a price multiplier."""
    split = lambda s: [t for t in s.split("|") if t]
    return {"noun": noun, "forced": split(forced), "excl": split(excl), "w": w, "pm": pm}


def S(top, sub, w, price, nouns, feats, mats, sizes, extras=(), uses=(), **opt):
    """One subcategory spec; see module docstring for the field formats."""
    d = {"top": top, "sub": sub, "w": w, "price": price, "nouns": nouns, "feats": F(feats),
         "mats": mats, "sizes": sizes, "extras": list(extras), "uses": list(uses)}
    d.update(opt)
    return d


LETTER = ["XS-XL", "S-XL", "S-XXL", "XS-XXL"]
GENDERED = [("women", 4), ("men", 4), ("unisex", 2)]
AGES_KIDS = ["3+", "4+", "5+", "5+", "6+", "8+"]
O, A, SH, E = "Outdoor & Hiking", "Apparel", "Shoes", "Electronics"
H, B, SP, T = "Home & Kitchen", "Beauty", "Sports & Fitness", "Toys & Games"
