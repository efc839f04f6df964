"""The thing a shopper asks the shop to carry, in their own words: "do you have a 4K TV?" → "4K TV", without the
words around it ("do you have any …", "… for my son"), the why after it ("… so i can fight back", "… to go with
them") or the filler at its end ("… as well", "… on this website").

>>> from assistant.understanding.cues import load_cues
>>> object_phrase("do you sell karaoke machines so i can sing along, by any chance", load_cues()["carry"])
'karaoke machines'
>>> object_phrase("i don't suppose you've got a bench for pressing to go with them?", load_cues()["carry"])
'bench'
"""

from __future__ import annotations

import re

# words around the thing a shopper asks the shop to carry ("do you have any …", "… for my son")
CARRY_STOP = {"a", "an", "the", "any", "some", "you", "your", "have", "do", "does", "sell", "carry", "stock", "got",
              "i", "we", "me", "is", "are", "there", "for", "of", "in", "with", "and", "or", "to", "please", "can",
              "find", "looking", "want", "need", "something", "anything", "one", "ones", "thing", "things", "kind",
              "what", "about", "also", "else", "else?", "my", "our", "his", "her", "their", "get", "buy", "would",
              "like", "it", "that", "this", "these", "those", "them", "good", "nice", "new", "maybe", "just", "really",
              "gift", "present", "dad", "mom", "mum", "father", "mother", "friend", "wife", "husband", "son",
              "daughter", "kid", "kids", "boyfriend", "girlfriend", "brother", "sister", "grandma", "grandpa", "him",
              "she", "he", "they", "loves", "likes", "into", "idea", "ideas", "recommend", "suggest", "show", "shop"}

# (and a clause about it: "electric kettles i can set to a temperature", "a bag that folds flat": the thing is before)
_WHY_AFTER = re.compile(r"\s+(?:so (?:that )?(?:i|we|he|she|they)|because|cos|since|that|which|who|"
                        r"(?:i|we|you|he|she|they) (?:can|could|will|would|might|may|'d|'ll)|to go (?:with|alongside)|"
                        r"to match|to pair with|to use with|for [a-z]+ing)\s"
                        # ", i always forget mine"
                        r"|,\s*(?:i|i'm|im|we|we're|my|he|he's|she|she's|they|they're)\s", re.I)
_FILLER_END = re.compile(r"\s+(?:as well|too|also|by any chance|at all|then|please|pls|on here|here|anymore|any more|"
                         r"anywhere|"
                         r"these days|"
                         r"at the moment|right now|now|though|tho|"
                         r"(?:on|in|at|through|from) (?:this|the|your|ur) "
                         r"(?:website|web site|site|shop|store|app|page))"
                         r"\W*$", re.I)


def object_phrase(text: str, carry: re.Pattern) -> str:
    """ "Do you have a 4K TV?" → "4K TV": what the shopper asked the shop to carry, in their spelling."""
    m = carry.search(text.lower())
    rest = " ".join(text[m.end():].split()) if m else text
    if m:
        rest = re.split(r"[?!]|\.(?:\s|$)", rest, maxsplit=1)[0]    # "what else have you got? i'd like …": none named
    rest = _WHY_AFTER.split(rest, maxsplit=1)[0]      # "karaoke machines so i can fight back": the thing, not why
    for _ in range(2):       # "laptop stands as well?", "tripods too by any chance": the thing, not the filler
        rest = _FILLER_END.sub("", rest)
    words = [w.strip("?!.,") for w in rest.split()]
    return " ".join(w for w in words if w and w.lower() not in CARRY_STOP) or rest.strip(" ?!.")
