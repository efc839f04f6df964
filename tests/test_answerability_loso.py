"""eval.answerability_loso: the measurement of the (unshipped) answerability check — its decision and the
metrics it reports can move both ways. Rows are written by hand; no model runs."""

from __future__ import annotations

from eval.answerability_loso import gain, metrics, refuses


def _row(gold, correct, terms, checked=True, handoff=False):
    return {"id": "x", "gold": gold, "correct": correct, "handoff": handoff, "checked": checked, "terms": terms}


EXPIRE = [{"word": "expire", "importance": 0.26, "soft": 0.46}]   # "do ur gift cards expire"
UK = [{"word": "uk", "importance": 0.28, "soft": 0.71}]           # "do you ship to the UK?": near "Canada"


def test_a_key_term_no_passage_word_is_near_is_refused():
    assert refuses(_row("handoff", False, EXPIRE), ti=0.2, ts=0.55)
    assert not refuses(_row("answer", True, UK), ti=0.2, ts=0.55)
    assert not refuses(_row("handoff", False, EXPIRE), ti=0.3, ts=0.55)   # not important enough at 0.3


def test_the_gain_counts_hand_offs_won_against_answers_lost():
    rows = [_row("handoff", False, EXPIRE), _row("answer", True, EXPIRE), _row("answer", True, UK),
            _row("handoff", False, EXPIRE, checked=False)]
    assert gain(rows, 0.2, 0.55) == 0                 # one hand-off won, one right answer lost
    assert gain(rows, 0.2, 0.8) == -1                 # "UK" refused too


def test_metrics_with_the_check_off_are_the_services_and_refusals_move_them():
    rows = [_row("handoff", False, EXPIRE), _row("answer", True, UK), _row("handoff", True, [], handoff=True)]
    off = metrics(rows, 1.01, 0.0)
    assert off == {"answer_accuracy": 1.0, "handoff_recall": 0.5, "handoff_precision": 1.0}
    on = metrics(rows, 0.2, 0.8)                      # both terms refused: recall up, the UK answer lost
    assert on == {"answer_accuracy": 0.0, "handoff_recall": 1.0, "handoff_precision": 0.6667}


class _OneHot:
    """Unit vectors by the words a text keeps: removing a word moves the text by a known amount."""

    def __call__(self, texts):
        import numpy as np

        vocab = ["customs", "fees", "duties", "ship", "canada", "."]
        out = []
        for t in texts:
            v = np.array([float(w in t.split()) for w in vocab]) + 1e-9
            out.append(v / np.linalg.norm(v))
        return np.stack(out)


def test_joint_removal_counts_the_uncovered_terms_together():
    """'customs' and 'duties' each barely move "customs fees duties ship canada"; both removed move it more, and
    only the terms under ``ts`` are removed. The check with the service's own 'no check' (ts 0.0) refuses nothing."""
    from eval.answerability_loso import joint_importance

    terms = [{"word": "customs", "importance": 0.1, "soft": 0.3}, {"word": "duties", "importance": 0.1, "soft": 0.5}]
    joint = joint_importance(_OneHot(), "customs fees duties ship canada", terms)
    assert joint["0.4"] < joint["0.55"]          # at 0.4 only 'customs' is uncovered; at 0.55 both are
    assert joint["0.55"] > max(t["importance"] for t in terms)
    row = _row("handoff", False, terms) | {"joint": joint}
    assert refuses(row, ti=joint["0.55"], ts=0.55) and not refuses(row, ti=joint["0.55"], ts=0.4)
    assert not refuses(row, ti=1.01, ts=0.0)
