"""Understanding tables for English: recipients, occasions, styles, activities."""

from __future__ import annotations

RECIPIENTS: dict[str, tuple[str, ...]] = {
    "wife": ("wife", "wifey"), "husband": ("husband", "hubby"), "girlfriend": ("girlfriend", "gf"),
    "boyfriend": ("boyfriend", "bf"), "partner": ("partner", "spouse"), "fiancee": ("fiancee", "fiancée", "fiance", "fiancé"),
    "mother": ("mom", "mum", "mother", "mommy", "mama", "ma"), "father": ("dad", "father", "daddy", "papa", "pops"),
    "sister": ("sister", "sis"), "brother": ("brother", "bro"), "son": ("son",), "daughter": ("daughter",),
    "grandmother": ("grandma", "grandmother", "granny", "nan", "nana", "grandmom"),
    "grandfather": ("grandpa", "grandfather", "granddad", "grandad", "gramps"),
    "friend": ("friend", "best friend", "buddy", "bestie", "pal", "mate"),
    "colleague": ("colleague", "coworker", "co-worker", "boss", "teammate", "team mate", "manager"),
    "child": ("kid", "kids", "child", "children", "little one", "toddler", "youngster"),
    "niece": ("niece",), "nephew": ("nephew",), "aunt": ("aunt", "auntie"), "uncle": ("uncle",),
    "teenager": ("teen", "teenager"), "baby": ("baby", "newborn"),
    "mother-in-law": ("mother-in-law", "mother in law"), "father-in-law": ("father-in-law", "father in law"),
}
OCCASIONS: dict[str, tuple[str, ...]] = {
    "birthday": ("birthday", "bday", "b-day", "birthdy", "brithday", "birth day"),
    "christmas": ("christmas", "xmas", "x-mas", "chrismas", "christmass", "secret santa", "stocking stuffer", "holidays"),
    "anniversary": ("anniversary", "anniversery", "aniversary"),
    "wedding": ("wedding", "bridal shower"), "valentine's day": ("valentine's day", "valentines day", "valentine", "valentines"),
    "mother's day": ("mother's day", "mothers day"), "father's day": ("father's day", "fathers day"),
    "graduation": ("graduation", "grad"), "housewarming": ("housewarming", "house warming", "new home", "new apartment"),
    "baby shower": ("baby shower",), "retirement": ("retirement", "retiring"), "halloween": ("halloween",),
    "easter": ("easter",), "thanksgiving": ("thanksgiving",), "new year": ("new year", "new year's"),
}
STYLES = {"minimalist": ("minimalist", "minimal", "simple look", "clean look"), "classic": ("classic", "timeless"),
          "sporty": ("sporty", "athletic look"), "elegant": ("elegant", "classy", "chic", "fancy"),
          "casual": ("casual", "laid-back", "laid back"), "vintage": ("vintage", "retro"),
          "modern": ("modern", "sleek", "contemporary"), "rugged": ("rugged", "tough", "durable"),
          "cute": ("cute", "adorable", "playful"), "professional": ("professional", "office look", "business")}
ACTIVITIES = r"camping|hiking|running|the gym|gym|yoga|cycling|biking|swimming|travel|travelling|traveling|the beach|" \
             r"skiing|work|the office|school|cooking|the kitchen|my kitchen|the kids|sleeping|winter|rain|commuting"

