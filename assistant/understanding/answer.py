"""Product questions answered from the product's catalog row: yes / no / which / unknown.

The deciding fact is quoted verbatim from the row (an attribute value, a feature, the
variants of the same model in other colours), so the answer cannot drift from the data.
Absence of a word is *not* a "no": "is it machine washable?" on a row that never
mentions washing is ``unknown`` — "the catalog doesn't say".

>>> from retrieval.catalog.product import Product
>>> shoe = Product(id="1", title="Stridewell Ember Running Shoes - Olive", attributes={"colour": "olive"})
>>> a = answer_question(shoe, "colour", "blue", [shoe])
>>> (a.verdict, a.fact, a.text)
('no', 'olive', 'No — the Stridewell Ember Running Shoes comes in olive.')
>>> answer_question(shoe, "washable", None, [shoe]).verdict
'unknown'
>>> navy = Product(id="2", title="Corbel Frost Running Shoes - Navy", attributes={"colour": "navy"})
>>> answer_question(navy, "colour", "blue", [navy]).text
'Yes — the Corbel Frost Running Shoes comes in navy (a shade of blue).'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any, Iterable

from assistant.guide.render import format_money, price_text
from assistant.understanding.ages import age_asked as _age_asked
from assistant.understanding.cues import load_cues
from assistant.understanding.answer_kinds import (  # noqa: F401  (model_name, variants: part of this module's API)
    _KEYS, _NO, _YES, _age, _colour, _content, _deciding, _fmt, _name_words, _names_amount_key, _names_rating_key,
    _other_measure, _part_item, _values, _yes_no, key_is, key_value, keyed_yes, model_name, number_word, off_key,
    part_named, pointer_price, price_pointer_dropped, property_first, title_choice, unnamed_colour, value_not_asked,
    variants, without_it)
from assistant.understanding.names import strip_descriptor
from assistant.understanding.question_part import before_why as _before_why, genuine_asked, marked as _marked, \
    number_in_why, as_asked, no_from_why
from assistant.understanding.paraphrase import STRONG as _STRONG
from assistant.understanding.paraphrased import _CLEAR, _evidence, _other_value
from assistant.understanding.polarity import EITHER as _EITHER
from assistant.understanding.quantity import (TOTAL_SAID, compare_quantity, convert_quantity, count_capacity,
                                             people_count, text_quantity)
from assistant.understanding.rowmatch import (CatalogValues, _measures_product, asks_value, asks_which, match_key,
                                              read_question, row_value)
from assistant.understanding.answer_checks import (count_checked, either_checked, number_checked, opposite_checked,
                                                   part_checked, row_says_no, unsaid, worry_checked)
from assistant.understanding.verdicts import (gender_asked, general_verdict, other_feature_named, property_gloss,
                                              says_absent, untagged)
from assistant.understanding.wh import which_after
from assistant.understanding.worries import asked_clause, guard_said
from retrieval.catalog.product import Product
from retrieval.query import has_term, norm, product_terms
from retrieval.text import stem
from retrieval.text.money import extract_budget

_TOPIC_ASKED = re.compile(r"^.*?\b([a-z]+(?: [a-z]+)?)\s*[.!:;]\s+what(?:'s| is) (?:it|that)\b(?! (?:for|like|made)\b)")
# "what colour …", "which size …": a wh-word and the property it names ("what is it" names none)
_WH_NAMED = re.compile(r"(?:what|which) (?!(?:is|are|was|were|does|do|one|it)\b)[a-z]")
# "got more than 500 pieces": a count asked, not the age said beside it
_MORE_THAN = re.compile(r"\b(?:more|less|fewer|over|under|at least) (?:than )?\d+ "
                        r"(?!years?\b|yrs?\b|months?\b|y/?o\b)[a-z]")
_HOW_MUCH = re.compile(r"\bhow (?:many|much|long|big|heavy|tall|wide|high|far)\b")
_POINTER = re.compile(r"\bthe (?:first|second|third|fourth|fifth|last|other|top|bottom) (?:one|pair)\b")
_WH = re.compile(r"\b(?:what|what's|whats|which|how|where|when|who)\b")


@dataclass(frozen=True)
class Answer:
    """The answer to one product question; ``fact`` is verbatim catalog text (or None)."""

    product_id: str
    aspect: str | None
    verdict: str          # yes | no | unknown | value
    fact: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def answer_question(product: Product, aspect: str | None, value: str | None, catalog: Iterable[Product] = (),
                    question: str | None = None, values: CatalogValues | None = None) -> Answer:
    """The rules' answer (``_by_rules``); with ``[understanding] learned_answers`` the learned answer model's
    row item where the rules leave the question unknown (``answer_model.LearnedAnswers.second_opinion``). A price
    said only to point at the product that is not its price is put right after the answer."""
    answer = _answer_question(product, aspect, value, catalog, question, values)
    quoted = pointer_price(question) if question is not None else None
    if quoted is None or product.price is None or abs(quoted - product.price) < 0.005:
        return answer
    said = format_money(quoted, product.currency or "USD", cents=True)
    return replace(answer, text=f"{answer.text} (It costs {price_text(product)}, not {said}.)")


def _answer_question(product: Product, aspect: str | None, value: str | None, catalog: Iterable[Product] = (),
                     question: str | None = None, values: CatalogValues | None = None) -> Answer:
    said = question or ""
    if question is not None:
        from assistant.understanding.cues import number_digits

        filler = load_cues()["filler_prefix"].match(question.lower())      # "grand. what's it made of": what is asked
        question = untagged(question[filler.end():] if filler else question)      # (the tag read before "right")
        pointed = price_pointer_dropped(question)       # "the <name>, the one for $8, ok for 6 players?"
        aspect = None if aspect == "price" and pointed != question else aspect     # (a price that only pointed)
        question = property_first(pointed)      # "capacity? cooking for 2 mostly": the capacity is asked
        question = number_digits(as_asked(question))     # "two thousand": digits; "spec says …, confirm?": is it …
        question = people_count(question)      # "for two players or more": the count the learned model reads too
        question = load_cues()["hedge_after"].sub("", question) or question      # "is it paraben free at least": a hedge, no bound
        doubt = load_cues()["listing_doubt"].sub("?", question)       # "… is that really on the listing or just …"
        question = doubt if len(doubt.split()) > 1 else question
        question = genuine_asked(question)      # "proper selvedge denim or just the look": a yes / no
    last = re.split(r"(?<=[.!])\s+", question.strip())[-1] if question is not None else ""
    if last != (question or "").strip() and _WH_NAMED.match(last.lower()) \
            and not re.search(r"\d", question[:-len(last)]):
        # "white is a bit much for me. what colour are the <name> ones?": which, not whether white
        question, value = last, (value if value and has_term(f" {norm(last)} ", value) else None)
    if value and question is not None and asks_which(question) \
            and set(re.findall(r"[a-z0-9]+", value.lower())) <= _name_words(product):
        value = None     # "what material is on the vegan sneakers": "vegan" is a word of the name, not the asked value
    if aspect == "age_range" and question is not None and (_HOW_MUCH.search(question.lower())
                                                           or _MORE_THAN.search(question.lower())):
        aspect = value = None    # "the twelve-year-old wants the marble run, how many pieces …": a count asked
    asked = which_after(question) if question is not None else None
    key = match_key(product, asked, load_cues()["key_words"]) if asked is not None else None
    if key is not None and key != "features" and key in product.attributes:
        # "it's listed with a scent, isn't it? which one": the key's value answers both
        fact = row_value(product, key)
        return Answer(product.id, key, "value", fact, f"The {model_name(product)}: {key_value(key, fact)}.")
    answer = _by_rules(product, aspect, value, catalog, question, values)
    if answer.verdict == "unknown" and aspect is not None and question is not None:
        # "can charge how many watt?" read as the battery, which the row lacks: the key the question names answers
        unaimed = _by_rules(product, None, None, catalog, question, values)
        measured = isinstance(product.attributes.get(unaimed.aspect or ""), (int, float))
        answer = unaimed if unaimed.verdict == "value" and measured else answer
    if value_not_asked(answer.verdict, question) or answer.verdict == "yes" and without_it(answer.fact, question):
        return _silent(product)     # "does it work without wifi" is not answered by its wi-fi
    keyed = keyed_yes(product, question) if answer.verdict in ("unknown", "no") else None
    if keyed is not None and answer.fact in (None, keyed[1]):
        # "is it scented?" of scent: rose — it has one, and the value says which
        return Answer(product.id, keyed[0], "yes", keyed[1], f"Yes — the {model_name(product)}'s "
                                                              f"{key_is(keyed[0], keyed[1])}.")
    if question is None or values is None:
        return answer
    plain = strip_descriptor(question, product)
    if values.learned is not None:
        learned = values.learned.second_opinion(product, plain, answer)
        # a number said in words the readings did not take ("my youngest is four"): a range's yes or no would be a guess
        ranged = learned.verdict in ("yes", "no") and re.search(r"\d", learned.fact or "") and number_word(question)
        # ("how long does it really take?" of a tent: the rules found no time, and a size is none)
        untimed = learned.verdict == "value" and bool(load_cues()["duration"].search(question.lower())) \
            and not _is_time(product, learned.fact or "")
        if learned is not answer and learned.verdict in ("yes", "no") and "?" in plain.rstrip(" ?!."):
            # "anti-static? cat hair clings to everything": what the model read in the why is not what was asked
            marked = _marked(plain)
            learned = learned if values.learned.second_opinion(product, marked, answer).fact == learned.fact \
                else answer
        if learned is not answer and not _other_measure(learned, product, question) and not ranged and not untimed \
                and not off_key(learned.verdict, learned.aspect, plain, values) \
                and not unnamed_colour(learned, plain, values) \
                and not (learned.verdict == "yes" and other_feature_named(product, plain, values, learned.fact or "")):
            answer = either_checked(number_checked(learned, product, question), product, question)
            if answer.verdict == "yes" and answer.aspect == "features" and asks_value(product, plain, values):
                # "has sun protection, what factor": the item is the value asked, not a yes
                answer = Answer(product.id, "features", "value", answer.fact,
                                f"The {model_name(product)} has {answer.fact}.")
    answer = worry_checked(opposite_checked(answer, product, plain, values), product, plain)
    answer = count_checked(answer, product, question)
    answer = row_says_no(answer, product, plain, values)
    if unsaid(answer, product, plain, values):
        # more than the row says ("does the hood come off"); the part before a "?" may still be answered below
        answer = _silent(product)
    answer = part_checked(answer, product, plain, value, values)      # "is the strap rubber?" of a "… leather band"
    if answer.verdict == "unknown" and (choice := title_choice(product, question)):     # "over ear or on ear"
        return Answer(product.id, None, "value", choice, f"The {model_name(product)} is {choice}.")
    topic = _TOPIC_ASKED.match(question.lower()) if answer.verdict == "unknown" else None
    if topic:
        # "the physio goes on about heel drop. what is it on the <name>": "it" is the thing just named
        named = _answer_question(product, None, None, catalog, f"what is the {topic.group(1)}", values)
        return named if named.verdict == "value" else answer
    if answer.verdict == "value" and "?" in question.rstrip(" ?!."):
        # "does it take a full litre? that's how much i get through": a wh-word only in the why asks nothing
        marked = _marked(question)
        if not _WH.search(marked) and _WH.search(question[len(marked):]):
            asked = _answer_question(product, aspect, value, catalog, marked, values)
            return asked if asked.verdict in ("yes", "no") else answer
    if (before := number_in_why(question, answer.fact, product)) is not None:
        asked = _answer_question(product, aspect, value, catalog, before, values)     # the age was only in the why
        return asked if asked.verdict in ("yes", "no") and asked.fact != answer.fact else answer
    if answer.verdict in ("unknown", "no") and "?" in question.rstrip(" ?!."):
        # "hrc? need it to hold an edge": the rest is why
        marked = _marked(question)
        asked = _answer_question(product, aspect, value, catalog, marked, values)
        # ("are they merino? cotton ones leave me soggy": a "no" said in the why yields to the asked yes on its key,
        # or on another when the why alone made the no; never to a question put in the negative)
        kept = answer.verdict == "unknown" or asked.verdict == "yes" and (asked.aspect == answer.aspect or no_from_why(
            answer, marked, lambda: _answer_question(product, None, None, catalog, question[len(marked):], values))) \
            and not re.search(r"n't\b|\bnot\b|\bnever\b", said.lower())
        return asked if kept else answer
    return answer


def _by_rules(product: Product, aspect: str | None, value: str | None, catalog: Iterable[Product] = (),
              question: str | None = None, values: CatalogValues | None = None) -> Answer:
    """Answer from the row (``_from_row``); what that leaves unknown, a yes/no question in words the
    catalog does not use ("will it keep my coffee hot?"), is matched to a row item through the embedder."""
    if question is not None:
        plain = strip_descriptor(question, product)
        if plain != question and value and not has_term(f" {norm(plain)} ", value):
            aspect = value = None     # "and the red summitra tarn?": red only pointed at it (names.strip_descriptor)
        question = plain
    answer = _from_row(product, aspect, value, catalog, question, values)
    if answer.verdict == "yes" and answer.aspect == "features" and question is not None and aspect is None \
            and not re.search(r"\d", answer.fact or ""):
        # "is it 500 pieces?" on a 1000-piece puzzle with "thick pieces": the number asks the counted key, not the
        # feature that shares its word
        key = match_key(product, question, load_cues()["key_words"])
        # (the number counts that key: "500 pieces" of piece_count, not the 2 of "the bistro 2 … blade guard")
        said = {float(m.group(1)) for w in (key or "").split("_") if len(w) > 2
                for m in re.finditer(rf"(?<![\w.])(\d+(?:\.\d+)?)\s*-?\s*{re.escape(w[:4])}", question.lower())}
        if key and key != "features" and said and isinstance(product.attributes.get(key), (int, float)):
            fact, verdict = f"{product.attributes[key]:g}", "yes" if product.attributes[key] in said else "no"
            answer = Answer(product.id, key, verdict, fact, f"{verdict.capitalize()} — the {model_name(product)}'s "
                                                            f"{key_is(key, fact)}.")
    part = _part_item(product, question, answer) if question is not None else None
    if part is not None:
        return Answer(product.id, "features", "value", part, f"The {model_name(product)} has {part}.")
    asked = asked_clause(question) if question is not None else None     # "bit worried …, does it breathe": the clause
    if answer.verdict == "yes" and answer.fact and asked is not None and (
            says_absent(evidence := _evidence(product, question, answer.fact, values), asked, product.title)
            or says_absent(evidence := answer.fact, asked, product.title)) \
            and not guard_said(product, question):      # ("… clicking, is it one of the quiet ones")
        if property_gloss(product, answer.fact, evidence):
            return _silent(product)
        # "does it have parabens?" on "paraben free": the row item says the asked thing is absent
        return Answer(product.id, answer.aspect, "no", answer.fact,
                      f"No — the {model_name(product)} is listed as {answer.fact}.")
    yes_no = question is not None and values is not None and values.paraphrase is not None \
        and not asks_value(product, question, values) and not _WHY.match(question.strip().lower())
    if yes_no and answer.verdict == "yes" and answer.aspect == "features" and answer.fact:
        # a feature that only shares a word with the question ("water" of water resistant, for "a water bladder")
        # gives way to a row feature the embedder clearly puts nearer (hydration compatible): a shared word is
        # weaker evidence than a strong, clearly better paraphrase
        hit = values.paraphrase.match(product, question)
        said = values.paraphrase.scores(question, product.title).get(answer.fact, 1.0)
        if hit is not None and hit[0] == "features" and hit[1] != answer.fact and hit[2] >= _STRONG \
                and hit[2] - said >= _CLEAR and not says_absent(_evidence(product, question, hit[1], values), question):
            return Answer(product.id, "features", "yes", hit[1], f"Yes — the {model_name(product)} has {hit[1]}.")
    if yes_no and answer.verdict == "value" and aspect is not None and value is None \
            and not re.search(rf"\b{re.escape(aspect)}\b", question.lower()):    # ("and its weight …?" asks it)
        # "do they fold up small?" named the size by a word, no size asked: a feature it paraphrases answers
        hit = values.paraphrase.match(product, question)
        if hit is not None and hit[0] == "features" and hit[2] >= _STRONG:
            return Answer(product.id, "features", "yes", hit[1], f"Yes — the {model_name(product)} has {hit[1]}.")
        # "will the first one fit a single bed?" of a king set: the pointer is no part of what is compared
        other = _other_value(product, _POINTER.sub("it", question), values, hit)
        if other is not None and other[0] == answer.aspect:
            return Answer(product.id, other[0], "no", other[1], f"No — the {model_name(product)}'s {key_is(*other)}.")
    ageless = aspect == "age_range" and not _values(product, _KEYS["age_range"])
    if answer.verdict == "unknown" and yes_no and not ageless:
        hit = values.paraphrase.match(product, question)      # (a row item is no answer to "ok for a newborn?")
        other = _other_value(product, question, values, hit)
        if other is not None:
            # "is it animal hide?" on a canvas shoe: the phrase is clearly another value of a key the row has
            # (leather, through its glosses), nearer than anything in the row → "no", quoting the row's value
            key, fact = other
            return Answer(product.id, key, "no", fact, f"No — the {model_name(product)}'s "
                                                        f"{key_is(key, fact)}.")
        if hit is not None and not other_feature_named(product, question, values, hit[1]):
            key, fact, _sim = hit      # (not "is it bluetooth?" answered by "wireless": bluetooth is a feature of its own)
            checked = number_checked(Answer(product.id, key, "yes", fact, ""), product, question)
            if checked.verdict == "no":
                return checked
            evidence = values.paraphrase.evidence(question, product.title, fact)
            if says_absent(evidence, question) and property_gloss(product, fact, evidence):
                return _silent(product)
            if says_absent(evidence, question):
                # "is it tested on animals?" nearest the gloss "not tested on animals" of cruelty free: a no
                return Answer(product.id, key, "no", fact, f"No — the {model_name(product)} is listed as {fact}.")
            if key != "features" and _EITHER.search(question.lower()):     # "for women, men, or either?": its value
                return Answer(product.id, key, "value", fact, f"The {model_name(product)}: {fact}.")
            name = f"the {model_name(product)}"
            text = f"Yes — {name} has {fact}." if key == "features" else \
                f"Yes — {name}'s {key_is(key, fact)}."
            return Answer(product.id, key, "yes", fact, text)
    return answer


def _silent(product: Product) -> Answer:
    return Answer(product.id, None, "unknown", None, f"The catalog doesn't say that about the {model_name(product)}.")


def _from_row(product: Product, aspect: str | None, value: str | None,
              catalog: Iterable[Product] = (), question: str | None = None,
              values: CatalogValues | None = None) -> Answer:
    """Answer "does it come in <value>?" / "is it <aspect>?" from ``product``'s row.

    With the ``question`` text and the catalog's ``values``, the row is read for the key or
    value the question names (``rowmatch.read_question``) before the aspect cues are used.
    A duration question ("how long does it take to charge?") is answered only by a time
    value; a capacity in mAh is said beside "the catalog doesn't say", never as the answer.
    """
    if question is not None:
        from assistant.understanding.cues import expand_contractions, number_digits

        question = people_count(number_digits(expand_contractions(question)))
    answer = _answer(product, aspect, value, catalog, question, values)
    if question is not None and answer.verdict in ("yes", "no") and answer.fact and _EITHER.search(question.lower()) \
            and not compare_quantity(product, question):
        # "is it real wool or synthetic?" asks which: the deciding value is the answer, not a yes
        return Answer(product.id, aspect, "value", answer.fact, f"The {model_name(product)}: {answer.fact}.")
    if question is not None and answer.verdict in ("value", "unknown"):
        amount = text_quantity(product, question, answer.fact)
        if amount is not None:
            name = model_name(product)
            keyed = [k for k, v in product.attributes.items() if str(v) == amount]
            told = key_value(keyed[0], amount) if keyed else f"as its listing says {amount}"
            return Answer(product.id, aspect, "value", amount, f"The {name}: {told}.")
    if question is None or answer.verdict != "value" or not answer.fact:
        return answer
    duration = load_cues().get("duration")
    if duration is None or not duration.search(question.lower()) or _is_time(product, answer.fact):
        return answer
    name = f"the {model_name(product)}"
    timed = [(k, v) for k, v in product.attributes.items() if _TIME_KEY.search(k.lower()) and isinstance(v, (int, float))
             and (not re.search(r"\btakes?\b", question.lower())
                  or set(k.lower().split("_")[:-1]) & set(re.findall(r"[a-z]+", question.lower())))]
    if len(timed) == 1:
        # "how long does it play on one charge": the row's one duration (battery_life_h), not the size a length
        # read; "how long does it take to charge" asks another time: only a key its words name answers it
        return Answer(product.id, timed[0][0], "value", str(timed[0][1]),
                      f"{name[0].upper()}{name[1:]}: {key_value(timed[0][0], str(timed[0][1]))}.")
    return Answer(product.id, aspect, "unknown", None,
                  f"The catalog doesn't give a time for that on {name}; it lists {answer.text.split(': ', 1)[-1]}")


_WHY = re.compile(r"^(?:(?:and|so|ok|okay|also|but)[, ]+)?why\b")
_TIME_KEY = re.compile(r"(?:_h|_hrs?|_hours?|_min|_mins|_minutes?|_s|_secs?|_days?|time|life|duration|_weeks?)$")
_TIME_VALUE = re.compile(r"\b(?:h|hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|weeks?)\b")


def _is_time(product: Product, fact: str) -> bool:
    """Whether ``fact`` is a duration: a key named in time units (battery_life_h) or a value with one."""
    if _TIME_VALUE.search(fact.lower()):
        return True
    return any(_TIME_KEY.search(k.lower()) for k, v in product.attributes.items() if _fmt(v) == fact)


def _answer(product: Product, aspect: str | None, value: str | None, catalog: Iterable[Product],
            question: str | None, values: CatalogValues | None) -> Answer:
    name = f"the {model_name(product)}"

    def make(verdict: str, fact: str | None, text: str) -> Answer:      # (a value is said without its yes / no)
        return Answer(product.id, aspect, verdict, fact, text if verdict != "value" else re.sub(r"^No — t", "T", text))

    if aspect == "colour" and value and values is not None:
        keys = values.keys_of.get(" ".join(re.findall(r"[a-z0-9][a-z0-9']*", value.lower().replace("-", " "))), ())
        fit = load_cues()["fit_words"]
        if keys and not any(k.lower().startswith(_KEYS["colour"]) for k in keys) or not keys and (
                value.lower() in fit or value.lower().split(" ")[0] in fit) or not keys and question is not None \
                and re.search(rf"\bin (?:a|an) {re.escape(value.lower())}\b", question.lower()):
            aspect = None    # "does it have no artificial colours?" names a feature, "come in wide?" (or "petite
            #                  lengths") a fit, "come in a pump?" a container: no colour
    wh = question is not None and (asks_which(question) if values is None else asks_value(product, question, values))
    age = _age_asked(question) if question is not None else None      # "what about X, ok for my 6 yo?" too
    if age is not None and (wh and _HOW_MUCH.search(question.lower()) or _MORE_THAN.search(question.lower())):
        age = None       # "the twelve-year-old wants the marble run, how many pieces does it come with": a count asked
    if age is not None and _values(product, _KEYS["age_range"]):
        # "could my 6 yo play that?": the age against the row's range, whatever else is named (play → play time,
        # "fine from 1?" → no price from $1)
        return _age(product, age, make, name, question)
    bound = extract_budget(question) if question is not None and not wh and product.price is not None \
        and not TOTAL_SAID.search(question.lower()) else None      # ("… 100 on the bar, will it take that")
    if bound is not None and (bound.min is not None or bound.max is not None):
        # "is it under 100 bucks?": the row's price against the asked amount
        fits = (bound.max is None or product.price <= bound.max) and (bound.min is None or product.price >= bound.min)
        fact = price_text(product)
        return make("yes" if fits else "no", fact, f"{'Yes' if fits else 'No'} — {name} costs {fact}.")
    quantity = compare_quantity(product, _before_why(question)) if question is not None and not wh \
        and aspect != "price" else None
    if quantity is not None:
        verdict, key, fact = quantity
        return make(verdict, fact, f"{'Yes' if verdict == 'yes' else 'No'} — {name}'s {key_is(key, fact)}.")
    count = count_capacity(product, question) if question is not None and not wh else None
    if count is not None:
        verdict, key, fact = count
        return make(verdict, fact, f"{'Yes' if verdict == 'yes' else 'No'} — {name}'s {key_is(key, fact)}.")
    general = general_verdict(product, question) if question is not None and not wh else None
    if general is not None:
        verdict, key, fact = general
        return make(verdict, fact, f"{'Yes' if verdict == 'yes' else 'No'} — {name}'s {key_is(key, fact)}.")
    if aspect == "price" and question is not None and _names_amount_key(product, question):
        aspect = None          # "how much does it hold": the row's capacity_mah, not what it costs
    if aspect == "rating" and question is not None and _names_rating_key(product, question):
        aspect = None          # "what's the temperature rating": the row's temp_rating_c, not the reviews
    if question is not None:
        converted = convert_quantity(product, question)
        if converted is not None:
            key, fact, shown = converted
            return make("value", fact, f"{name[0].upper()}{name[1:]}: {key_value(key, fact)} ({shown}).")
    if question is not None and values is not None and aspect not in ("price", "brand", "rating", "stock"):
        read = _read(product, aspect, question, catalog, values, name)
        person = gender_asked(product, question, people=True) if not wh else None
        if person is not None and (read is None or read.verdict in ("value", "unknown")):
            # "would my husband fit it" on a women's jacket: the person's gender, when no row reading decides
            verdict, key, fact = person
            return make(verdict, fact, f"{'Yes' if verdict == 'yes' else 'No'} — {name}'s {key_is(key, fact)}.")
        if read is not None:
            return read

    if aspect == "price":
        fact = price_text(product)
        return make("value", fact, f"{name[0].upper()}{name[1:]} costs {fact}.")
    if aspect == "brand":
        if not value and not wh and question is not None and len(_content(question)) > 3:
            # "does that brand pay a living wage": something said of the maker, not who it is
            return make("unknown", None, f"The catalog doesn't say that about {name}.")
        if not product.brand:
            return make("unknown", None, f"The catalog doesn't say who makes {name}.")
        if value and norm(value) != norm(product.brand):
            return make("no", product.brand, f"No — {name} is made by {product.brand}.")
        return make("yes" if value else "value", product.brand, f"{name[0].upper()}{name[1:]} is made by {product.brand}.")
    if aspect == "rating":
        if product.rating is None:
            return make("unknown", None, f"The catalog has no rating for {name}.")
        fact = f"{product.rating:.1f}"
        return make("value", fact, f"{name[0].upper()}{name[1:]} is rated {fact}/5 from {product.review_count:,} reviews.")
    if aspect == "stock":
        if product.stock is None:
            return make("unknown", None, f"The catalog doesn't say how many of {name} are in stock.")
        if question is not None and re.match(r"^\W*how (?:many|much)\b", question.lower()):
            return make("value", str(product.stock), f"{name[0].upper()}{name[1:]}: {product.stock} in stock.")
        return make("yes" if product.in_stock else "no", str(product.stock),
                    f"{'Yes' if product.in_stock else 'No'} — {name} has {product.stock} in stock.")
    if aspect == "colour":
        return _colour(product, value, catalog, make, name)
    if aspect == "age_range":
        return _age(product, value, make, name, question)
    if aspect in _YES and not (wh and _HOW_MUCH.search(question.lower())):
        return _yes_no(product, aspect, make, name, question)     # (not "how many degrees can it be washed at")
    keys = _KEYS.get(aspect or "", (aspect,) if aspect else ())
    found = _values(product, keys) if keys else []
    if value and not wh:       # "what steel is it made of?" asks which, not whether
        terms = product_terms(product)
        if has_term(terms, value):
            fact = _deciding(product, value) or value
            return make("yes", fact, f"Yes — {name} has {fact}.")
        named_key = values is None or not values.keys_of.get(norm(value)) or found and \
            found[0][0] in values.keys_of.get(norm(value), ())
        if found and not found[0][0].lower().startswith("feature") and named_key:
            fact = _fmt(found[0][1])
            return make("no", fact, f"No — {name}'s {key_is(aspect, fact)}.")
        # a feature list without the word is absence, not a "no"
        return make("unknown", None, f"The catalog doesn't say whether {name} has {value}.")
    if found and wh and "how many" in question.lower() and not _measures_product(product, question.lower()):
        return make("unknown", None, f"The catalog doesn't say that about {name}.")
    if found:
        key, raw = found[0]
        fact = _fmt(raw)
        return make("value", fact, f"{name[0].upper()}{name[1:]}: {key_value(key, fact)}.")
    if aspect is None and value is None and question is not None and _OVERVIEW.search(question.lower()):
        # "tell me about the second one": the row itself, in its own words
        fact = "; ".join(f"{k.replace('_', ' ')}: {_fmt(v)}" for k, v in product.attributes.items())
        return make("value", fact or None, f"{name[0].upper()}{name[1:]} — {fact}." if fact else
                    f"The catalog has no details for {name}.")
    if aspect is None:        # nothing named to quote back ("is it easy to set up?"): no "the that of"
        return make("unknown", None, f"The catalog doesn't say that about {name}.")
    return make("unknown", None, f"The catalog doesn't say anything about the {aspect.replace('_', ' ')} of {name}.")


_OVERVIEW = re.compile(r"\b(?:tell me (?:more )?about|more about|details|describe|more info)\b")


def _read(product: Product, aspect: str | None, question: str, catalog: Iterable[Product],
          values: CatalogValues, name: str) -> Answer | None:
    """The question read against the row: a named key, a catalog value, a shared word (or None)."""
    cues = load_cues()
    wh = asks_value(product, question, values)
    if aspect == "age_range":
        return None          # the age reading below knows ranges best
    if not wh and aspect in _YES:
        terms = product_terms(product)
        if any(has_term(terms, phrase) for phrase in _NO.get(aspect, ())):
            return None      # "hand wash only" says no, though it shares the word "wash"
    read = read_question(product, question, values, cues["key_words"], cues["quantity"])
    if read is None:
        return None
    verdict, key, fact = read
    if key and key.lower().startswith(_KEYS["colour"]):
        asked = [v for _i, v in values.mentioned(question) if key in values.keys_of.get(v, ())]
        return _colour(product, None if verdict == "value" else (asked[-1] if asked else fact), catalog,
                       lambda v, f, t: Answer(product.id, key, v, f, t), name)
    title = f"{name[0].upper()}{name[1:]}"
    if verdict == "value":
        text = f"{title} has {fact}." if key == "features" else f"{title}: {key_value(key or '', fact)}."
    elif verdict == "yes":
        text = f"Yes — {name} has {fact}." if key == "features" else f"Yes — {name}'s {key_is(key or '', fact)}."
    elif key == "features":
        text = f"No — {name} has {fact}."        # "plastic eyes?" on "embroidered eyes": what it has instead
    else:
        text = f"No — {name}'s {key_is(key or '', fact)}."
    return Answer(product.id, key, verdict, fact, text)
