"""Answer types of issue #17: numbers with stated precision, integers, multiple choice, multi-part
answers, feedback rules, and the spec's JSON form (old stored specs included)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.checking import (
    AnswerSpec,
    FeedbackRule,
    Part,
    check_answer,
    decimals_accepted,
    join_response,
    response_fields,
    significant_figures_accepted,
    spec_problems,
)
from quizzes.tests.test_symbolic import best_time

# -- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("tiny", [2.0**-52, 2.0**-63, 1e-300])
def test_relative_mode_has_no_floor_above_tiny_answers(tiny: float) -> None:
    # The audit's float-spacing finding: a 1e-12 floor accepted 0 for 2^-52.
    spec = AnswerSpec(tiny, mode="relative", tol=1e-6)
    assert check_answer(spec, repr(tiny)).correct
    assert not check_answer(spec, "0").correct
    assert not check_answer(spec, repr(tiny * 2)).correct
    assert not check_answer(spec, repr(tiny * 1.01)).correct


def test_an_expected_zero_needs_zero_or_the_authors_floor() -> None:
    assert check_answer(AnswerSpec(0.0), "0").correct
    assert not check_answer(AnswerSpec(0.0), "1e-13").correct
    assert check_answer(AnswerSpec(0.0, atol=1e-9), "1e-13").correct


def test_default_accepts_any_four_significant_figures_and_says_so() -> None:
    for value, typed in [(1.0004999, "1.000"), (0.1327434, "0.1327"), (9.99949, "9.999")]:
        assert check_answer(AnswerSpec(value), typed).correct, (value, typed)
    assert not check_answer(AnswerSpec(0.1327434), "0.133").correct  # 3 s.f. is not enough
    assert "at least 4 significant figures" in AnswerSpec(0.1327434).format_hint()


@pytest.mark.parametrize(("rtol", "figures"), [(1e-3, 4), (5e-3, 3), (1e-2, 3), (1e-6, 7)])
def test_stated_significant_figures_are_always_accepted(rtol: float, figures: int) -> None:
    assert significant_figures_accepted(rtol) == figures
    # The worst rounding for that many figures: a mantissa just above 1.
    value = 1 + 0.5 * 10.0 ** (1 - figures) * 0.999
    typed = f"{value:.{figures - 1}e}"
    assert check_answer(AnswerSpec(value, tol=rtol), typed).correct


def test_absolute_mode_states_decimals() -> None:
    assert decimals_accepted(1e-3) == 3
    assert decimals_accepted(5e-4) == 3
    assert decimals_accepted(0.5) == 0
    assert "3 decimal places" in AnswerSpec(0.5, mode="absolute", tol=1e-3).format_hint()
    assert "within ±0.5" in AnswerSpec(10.0, mode="absolute", tol=0.5).format_hint()
    # Three decimals with tol 5e-4: a wrong third decimal is rejected.
    spec = AnswerSpec(0.84134, mode="absolute", tol=5e-4)
    assert check_answer(spec, "0.841").correct
    assert not check_answer(spec, "0.842").correct


def test_integer_kind_from_a_spec_file() -> None:
    spec = AnswerSpec.from_dict({"kind": "integer", "value": 12})
    assert spec.mode == "exact" and spec.format_hint() == "an integer"
    assert check_answer(spec, "12").correct and not check_answer(spec, "12.5").correct


def test_vector_partial_credit_per_component_still_works() -> None:
    spec = AnswerSpec.from_dict({"kind": "vector", "value": [1, 2, 3, 4], "partial": True})
    result = check_answer(spec, "[1, 2, 0, 0]")
    assert result.status == "partial" and result.score == pytest.approx(0.5)
    assert check_answer(spec, "[1, 2]").status == "wrong_shape"


# -- serialisation -------------------------------------------------------------------------------


def test_an_old_stored_spec_still_loads() -> None:
    old = {"value": [0.5, 2.0], "mode": "absolute", "tol": 0.01, "partial": True, "hint": ""}
    spec = AnswerSpec.from_dict(old)
    assert spec.kind == "number" and spec.tolerance == 0.01 and spec.partial
    assert AnswerSpec.from_dict(spec.to_dict()) == spec


@pytest.mark.parametrize(
    "spec",
    [
        AnswerSpec(0.25, mode="sigfigs", tol=3),
        AnswerSpec(2.0**-52, tol=1e-6, atol=1e-320),
        AnswerSpec("2*x*cos(x^2)", kind="symbolic", variables=("x",), domain=(-1.0, 1.0)),
        AnswerSpec([2], kind="choice", options=("a", "b", "c"), shuffle=False),
        AnswerSpec([0, 2], kind="choice", options=("a", "b", "c"), multiple=True, partial=True),
        AnswerSpec(
            kind="parts",
            parts=(
                Part("a", AnswerSpec(1.5), points=1, label="(a) mean"),
                Part("b", AnswerSpec(2.0, feedback=(FeedbackRule(3.0, "no", 0.5, "x"),)), 2),
            ),
        ),
    ],
)
def test_every_kind_round_trips_through_json(spec: AnswerSpec) -> None:
    data = json.loads(json.dumps(spec.to_dict()))
    assert AnswerSpec.from_dict(data) == spec
    assert check_answer(AnswerSpec.from_dict(data), spec.text()).correct


def test_a_generators_output_with_feedback_loads() -> None:
    # What a question folder's generator returns: to_dict() data plus a feedback list.
    data = {
        **AnswerSpec(2.5).to_dict(),
        "feedback": [{"value": 2.0, "message": "Divided by n.", "credit": 0.25}],
    }
    spec = AnswerSpec.from_dict(data)
    result = check_answer(spec, "2")
    assert (result.message, result.score, result.feedback) == ("Divided by n.", 0.25, ("0",))


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "choice", "value": [5], "options": ["a", "b"]},
        {"kind": "choice", "value": [0, 1], "options": ["a", "b"]},  # single with two answers
        {"kind": "choice", "value": [0], "options": ["only"]},
        {"kind": "shape-shifter", "value": 1},
        {"kind": "parts", "parts": []},
        {"value": 1, "feedback": [{"value": 2, "message": "", "credit": 0}]},
        {"value": 1, "feedback": [{"value": 2, "message": "m", "credit": 1.5}]},
        {"value": 1, "feedback": [{"message": "no value"}]},
        {"kind": "symbolic", "value": "x", "variables": ["x"], "domain": 3},
        {"kind": "symbolic", "value": "x", "variables": ["x"], "domain": [2, 1]},
        {"kind": "parts", "parts": [{"name": "a"}]},
        {"kind": "parts", "parts": [{"name": "a b", "answer": {"value": 1}}]},
        {"value": 1, "tol": "tight"},
    ],
)
def test_malformed_specs_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        AnswerSpec.from_dict(data)


def test_a_single_variable_may_be_a_string() -> None:
    spec = AnswerSpec.from_dict({"kind": "symbolic", "value": "xy", "variables": "xy"})
    assert spec.variables == ("xy",)


# -- multiple choice ---------------------------------------------------------------------------

OPTIONS = ("one", "two", "three", "four", "five")


def test_single_choice() -> None:
    spec = AnswerSpec([3], kind="choice", options=OPTIONS)
    assert check_answer(spec, "3").correct
    assert check_answer(spec, "1").status == "incorrect"
    assert check_answer(spec, "1,3").status == "invalid"  # radio buttons send one
    assert check_answer(spec, "7").status == "invalid"
    assert check_answer(spec, "three").status == "invalid"
    assert spec.display() == "four"


def test_multiple_choice_partial_credit_rule() -> None:
    spec = AnswerSpec([0, 2, 4], kind="choice", options=OPTIONS, multiple=True, partial=True)
    assert check_answer(spec, "0,2,4").correct
    assert check_answer(spec, "4,0,2").correct  # order does not matter
    assert check_answer(spec, "0,2").score == pytest.approx(2 / 3)
    assert check_answer(spec, "0,2,1").score == pytest.approx(1 / 3)  # one wrong costs 1/3
    assert check_answer(spec, "0,1,2,3,4").score == pytest.approx(1 / 3)
    assert check_answer(spec, "1,3").score == 0
    strict = AnswerSpec([0, 2, 4], kind="choice", options=OPTIONS, multiple=True)
    assert check_answer(strict, "0,2").score == 0


def test_options_are_shuffled_per_seed_deterministically() -> None:
    spec = AnswerSpec([0], kind="choice", options=OPTIONS)
    orders = {tuple(spec.option_order(seed)) for seed in range(40)}
    assert len(orders) > 10  # 120 orders possible: seeds spread over many
    for seed in (0, 7, 2**62 + 3):
        order = spec.option_order(seed)
        assert order == spec.option_order(seed)
        assert sorted(order) == list(range(len(OPTIONS)))
    assert AnswerSpec([0], kind="choice", options=OPTIONS, shuffle=False).option_order(5) == [
        0,
        1,
        2,
        3,
        4,
    ]


def test_the_page_shows_options_in_the_seeds_order_and_keeps_the_choice() -> None:
    spec = AnswerSpec([0, 1], kind="choice", options=OPTIONS, multiple=True)
    (field,) = response_fields(spec, seed=11, response="1,3")
    assert field.control == "checkbox"
    assert [c.index for c in field.choices] == spec.option_order(11)
    assert [c.letter for c in field.choices] == list("ABCDE")
    assert {c.index for c in field.choices if c.checked} == {1, 3}


# -- multi-part ---------------------------------------------------------------------------------

PARTS = AnswerSpec(
    kind="parts",
    parts=(
        Part("a", AnswerSpec(2.0), points=1, label="(a)"),
        Part("b", AnswerSpec(5.0, feedback=(FeedbackRule(4.0, "Used n.", 0.5, "n"),)), points=3),
        Part("c", AnswerSpec([1], kind="choice", options=("x", "y")), points=1),
    ),
)


def _parts(**typed: str) -> str:
    return join_response(typed)


def test_multi_part_points_are_weighted() -> None:
    assert check_answer(PARTS, _parts(a="2", b="5", c="1")).correct
    only_b = check_answer(PARTS, _parts(a="1", b="5", c="0"))
    assert only_b.status == "partial" and only_b.score == pytest.approx(3 / 5)
    only_a = check_answer(PARTS, _parts(a="2", b="", c=""))
    assert only_a.score == pytest.approx(1 / 5)
    assert only_a.parts["b"].message == "No answer given."


def test_a_part_rule_fires_with_its_part_name() -> None:
    result = check_answer(PARTS, _parts(a="2", b="4", c="1"))
    assert result.feedback == ("b:n",)
    assert "Used n." in result.message
    assert result.score == pytest.approx((1 + 3 * 0.5 + 1) / 5)


def test_an_unreadable_part_makes_the_answer_unreadable() -> None:
    result = check_answer(PARTS, _parts(a="2", b="five", c="1"))
    assert result.status == "invalid"
    assert result.message.startswith("Could not read the answer: part (b)")
    assert check_answer(PARTS, "5").status == "invalid"  # not a parts response at all


def test_blank_parts_are_stored_as_a_blank_answer() -> None:
    assert join_response({"a": "", "b": " "}) == ""
    assert json.loads(join_response({"a": "1", "b": ""})) == {"a": "1", "b": ""}


def test_parts_fields_are_filled_from_the_response() -> None:
    fields = response_fields(PARTS, seed=3, response=_parts(a="2", b="4", c="1"))
    assert [(f.name, f.control, f.value) for f in fields] == [
        ("a", "text", "2"),
        ("b", "text", "4"),
        ("c", "radio", "1"),
    ]


# -- feedback rules -----------------------------------------------------------------------------


def test_feedback_rules_match_with_the_answers_tolerance() -> None:
    spec = AnswerSpec(
        2.5,
        tol=1e-3,
        feedback=(
            FeedbackRule(2.0, "You divided by n instead of n-1.", credit=0.25, id="n"),
            FeedbackRule(1.5811, "That is the standard deviation.", id="std"),
        ),
    )
    assert check_answer(spec, "2.5").feedback == ()  # correct wins
    by_n = check_answer(spec, "2.001")  # within 0.1 % of the rule's value
    assert (by_n.status, by_n.score, by_n.message, by_n.feedback) == (
        "partial",
        0.25,
        "You divided by n instead of n-1.",
        ("n",),
    )
    assert not check_answer(spec, "2.01").feedback  # outside the tolerance: no rule
    std = check_answer(spec, "sqrt(2.5)")
    assert std.feedback == ("std",) and std.score == 0 and std.status == "incorrect"


def test_rule_ids_default_to_their_index() -> None:
    spec = AnswerSpec(1.0, feedback=(FeedbackRule(2.0, "a"), FeedbackRule(3.0, "b")))
    assert check_answer(spec, "3").feedback == ("1",)


def test_symbolic_and_choice_rules() -> None:
    symbolic = AnswerSpec(
        "2*x*cos(x^2)",
        kind="symbolic",
        variables=("x",),
        feedback=(FeedbackRule("cos(x^2)", "Chain rule: multiply by 2x.", id="chain"),),
    )
    assert check_answer(symbolic, "cos(x**2)").feedback == ("chain",)
    assert check_answer(symbolic, "cos(x*x)").message == "Chain rule: multiply by 2x."
    choice = AnswerSpec(
        [0], kind="choice", options=OPTIONS, feedback=(FeedbackRule(2, "Biased.", 0.5, "b"),)
    )
    assert check_answer(choice, "2").score == 0.5
    assert check_answer(choice, "1").feedback == ()


def test_a_rule_never_lowers_partial_credit() -> None:
    spec = AnswerSpec(
        [1.0, 2.0], partial=True, feedback=(FeedbackRule([1.0, 3.0], "Second entry.", 0.1),)
    )
    result = check_answer(spec, "[1, 3]")
    assert result.score == pytest.approx(0.5) and result.message == "Second entry."


# -- junk ---------------------------------------------------------------------------------------

SPECS = [
    AnswerSpec(2.5, feedback=(FeedbackRule(2.0, "n"),)),
    AnswerSpec([[1.0, 2.0], [3.0, 4.0]], partial=True),
    AnswerSpec([1, 3], kind="choice", options=OPTIONS, multiple=True, partial=True),
    AnswerSpec("x*exp(x)", kind="symbolic", variables=("x",)),
    PARTS,
]
JUNK = st.one_of(
    st.text(max_size=200),
    st.text(alphabet='{}":,abc0123 []', max_size=80),
    st.sampled_from(
        [
            "9^9^9^9",
            "x" * 10_000,
            '{"a": 1}',
            '{"a": "' + "(" * 100 + '"}',
            "\x00",
            "[" * 4000,
            '{"a":' * 1000,
        ]
    ),
)


@settings(max_examples=300, deadline=None, database=None)
@given(index=st.integers(0, len(SPECS) - 1), text=JUNK)
def test_junk_never_crashes_and_each_check_is_under_5_ms(index: int, text: str) -> None:
    spec = SPECS[index]
    result = check_answer(spec, text)
    assert 0 <= result.score <= 1 and result.message
    assert best_time(spec, text) < 0.005, text


def test_details_name_the_rules_per_part() -> None:
    details = check_answer(PARTS, _parts(a="2", b="4", c="1")).details()
    assert details["feedback"] == ["b:n"] and details["status"] == "partial"
    assert details["parts"]["b"]["feedback"] == ["n"]
    assert set(check_answer(PARTS, "5").to_dict()) == {"correct", "score", "message"}


def test_rounding_noise_beside_large_components_matches_zero() -> None:
    # discrete-expectation, seed 3: E[X] computed as -1.1e-16 next to Var(X) = 10.8.
    spec = AnswerSpec([-1.1102230246251565e-16, 10.8], partial=True)
    assert check_answer(spec, "[0, 10.8]").correct
    assert check_answer(spec, "[1e-9, 10.8]").score == 0.5  # the floor is 1e-11 here, not more
    assert not check_answer(AnswerSpec(-1.1102230246251565e-16), "0").correct  # alone: no floor


@pytest.mark.parametrize("text", ["[" * 4000, '{"a":' * 1000, '{"a": ' + "[" * 3000 + "}"])
@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_deeply_nested_input_is_unreadable_not_a_crash(spec: AnswerSpec, text: str) -> None:
    result = check_answer(spec, text)
    assert result.status in ("invalid", "wrong_shape", "incorrect")
    assert result.score == 0


def test_a_rule_must_have_the_answers_form() -> None:
    with pytest.raises(ValueError, match="feedback rule n: shape"):
        AnswerSpec([1.0, 2.0], feedback=(FeedbackRule(3.0, "m", id="n"),))
    with pytest.raises(ValueError, match="feedback rule 0: the expected expression"):
        AnswerSpec("x", kind="symbolic", variables=("x",), feedback=(FeedbackRule("y", "m"),))
    with pytest.raises(ValueError, match="feedback rule 0"):
        AnswerSpec([0], kind="choice", options=("a", "b"), feedback=(FeedbackRule(5, "m"),))


def test_spec_problems_for_authors() -> None:
    assert spec_problems(PARTS) == []
    shadowed = AnswerSpec(2.5, feedback=(FeedbackRule(2.5001, "same", id="same"),))
    assert spec_problems(shadowed) == [
        "feedback rule same matches the correct answer: it never fires"
    ]
    # An earlier rule with the same value takes the match: the second never fires.
    twice = AnswerSpec(
        2.5, feedback=(FeedbackRule(2.0, "a", id="a"), FeedbackRule(2.0, "b", id="b"))
    )
    assert spec_problems(twice) == ["feedback rule b: its own value does not reach it"]
    nested = AnswerSpec(kind="parts", parts=(Part("q", shadowed),))
    assert spec_problems(nested) == [
        "part q: feedback rule same matches the correct answer: it never fires"
    ]
