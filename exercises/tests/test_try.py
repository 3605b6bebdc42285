""" "Try it" through real requests: laptop mode (Celery eager) grades through the sandbox, the
result comes back as JSON for the page's script and as a page without JavaScript."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.services import user_create
from catalog.models import Exercise
from exercises.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)

STABLE = (
    "import numpy as np\n\ndef softmax(x):\n"
    "    z = x - x.max(axis=-1, keepdims=True)\n    e = np.exp(z)\n"
    "    return e / e.sum(axis=-1, keepdims=True)\n"
)
NAIVE = (
    "import numpy as np\n\ndef softmax(x):\n    print('sum', np.exp(x).sum())\n"
    "    return np.exp(x) / np.exp(x).sum()\n"
)
JSON = {"HTTP_ACCEPT": "application/json"}


def _try(client: Client, code: str, args: str, **extra: Any) -> Any:
    return client.post(
        "/exercises/stable-softmax/try?wait=5000", {"code": code, "args": args}, **extra
    )


def test_the_page_script_gets_both_results(
    student_client: Client, laptop_mode: None, stable_softmax: Exercise
) -> None:
    response = _try(student_client, STABLE, "np.array([1000.0, 1001.0])", **JSON)
    assert response.status_code == 200
    result = response.json()["result"]
    assert result["status"] == "ok" and result["agree"] is True
    assert result["call"].startswith("softmax(") and result["got"] == result["expected"]
    response = _try(student_client, NAIVE, "np.array([1000.0, 1001.0])", **JSON)
    result = response.json()["result"]
    assert (
        result["agree"] is False
        and "nan" in result["got"]
        and "sum inf" in result["output"]  # printed, after NumPy's warnings
    )
    # The result stays readable by its owner (the poll URL), by nobody else.
    url = response.json()["url"]
    assert student_client.get(url).json()["result"] == result
    other = Client()
    other.force_login(user_create(username="someone-else", password="pw-someone-1"))
    assert other.get(url).status_code == 404
    assert Client().get(url).status_code == 404
    # A try is not a submission: nothing stored, nothing in the history or the dashboard.
    assert not Submission.objects.exists()


def test_without_javascript_the_page_shows_the_result_and_keeps_the_code(
    student_client: Client, laptop_mode: None, stable_softmax: Exercise
) -> None:
    response = _try(student_client, NAIVE, "np.array([1.0, 2.0])")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your function" in page and "Reference" in page
    assert "print(&#x27;sum&#x27;" in page  # the code as sent, still in the editor
    assert 'value="np.array([1.0, 2.0])"' in page


@pytest.mark.parametrize(
    ("code", "args", "status", "says"),
    [
        (STABLE, "", 400, "Type the arguments"),
        (STABLE, "np.array([1.0,", 400, "not a Python expression"),
        ("x" * 70_000, "1", 400, "64 KiB"),
    ],
)
def test_bad_requests_are_4xx_with_a_message(
    student_client: Client,
    laptop_mode: None,
    stable_softmax: Exercise,
    code: str,
    args: str,
    status: int,
    says: str,
) -> None:
    response = _try(student_client, code, args, **JSON)
    assert response.status_code == status and says in response.json()["error"]


def test_hostile_input_runs_only_in_the_jail(
    student_client: Client, laptop_mode: None, stable_softmax: Exercise, tmp_path: Path
) -> None:
    marker = tmp_path / "from-the-input.npy"
    response = _try(student_client, STABLE, f"np.save({str(marker)!r}, 1)", **JSON)
    assert response.json()["result"]["status"] == "input"
    assert not marker.exists()


def test_anonymous_and_unknown_exercises(client: Client, student: User) -> None:
    assert _try(client, STABLE, "1", **JSON).status_code == 401
    assert _try(client, STABLE, "1")["Location"].startswith("/accounts/login/")
    signed_in = Client()
    signed_in.force_login(student)
    response = signed_in.post("/exercises/no-such-thing/try", {"code": STABLE, "args": "1"})
    assert response.status_code == 404
