"""Magnet cards that carry »ressource« or »bekymring«: the learner marks each marked card, the server
scores dimension and kind together, and the checked board shows the two apart with a text marker."""

import pytest
from django.urls import reverse

from courses.models import MagnetBoardAttempt
from tests.courses.test_material_support import build_lesson

JSON = {"HTTP_ACCEPT": "application/json"}

BOARD = {
    "title": "Ressourcer og bekymringer",
    "instructions": "",
    "cards": [
        {"text": "Kommer sulten i skole", "dimension": "trygt-omsorgsmiljoe", "kind": "concern", "explanation": ""},
        {"text": "Spiller fodbold", "dimension": "fritid-og-venskaber", "kind": "resource", "explanation": ""},
        {"text": "Bor hos mor", "dimension": "familieforhold-og-baggrund", "kind": "", "explanation": ""},
    ],
}


@pytest.fixture
def built(db):
    return build_lesson(body=[("magnet_board", BOARD)])


@pytest.fixture
def learner(client, caseworker):
    client.force_login(caseworker)
    return caseworker


def _url(built):
    return reverse("courses:magnet_submit", args=[built.lesson.pk, built.magnet_id])


def _post(built, **kinds):
    cards = built.cards
    post = {f"card-{cards['Kommer sulten i skole']}": "trygt-omsorgsmiljoe",
            f"card-{cards['Spiller fodbold']}": "fritid-og-venskaber",
            f"card-{cards['Bor hos mor']}": "familieforhold-og-baggrund"}
    for text, kind in kinds.items():
        post[f"kind-{cards[text]}"] = kind
    return post


def test_the_form_asks_only_for_marked_cards(client, learner, built):
    html = client.get(built.lesson.url).content.decode()
    cards = built.cards
    assert f'name="kind-{cards["Kommer sulten i skole"]}"' in html
    assert f'name="kind-{cards["Spiller fodbold"]}"' in html
    assert f'name="kind-{cards["Bor hos mor"]}"' not in html
    assert '"concern"' not in html.split('name="kind-')[0]  # the key is not in the page before the form


def test_dimension_and_kind_are_scored_together(client, learner, built):
    post = _post(built, **{"Kommer sulten i skole": "concern", "Spiller fodbold": "concern"})
    data = client.post(_url(built), post, **JSON).json()
    cards = built.cards
    assert data["results"] == {cards["Kommer sulten i skole"]: True, cards["Spiller fodbold"]: False,
                               cards["Bor hos mor"]: True}
    attempt = MagnetBoardAttempt.objects.get(person=learner)
    assert attempt.kinds == {cards["Kommer sulten i skole"]: "concern", cards["Spiller fodbold"]: "concern"}
    # The checked board: a text marker for each marked card, and why the wrong one is wrong.
    assert 'class="magnet-kind magnet-kind-resource">Ressource<' in data["html"]
    assert 'class="magnet-kind magnet-kind-concern">Bekymring<' in data["html"]
    assert "men du markerede oplysningen som en bekymring" in data["html"]


@pytest.mark.parametrize("kinds, message", [
    ({"Kommer sulten i skole": "concern"}, "Markér alle kort"),
    ({"Kommer sulten i skole": "concern", "Spiller fodbold": "maaske"}, "ressource eller en bekymring"),
    ({"Kommer sulten i skole": "concern", "Spiller fodbold": "resource", "Bor hos mor": "resource"},
     "ikke er på denne tavle"),
])
def test_a_missing_or_tampered_kind_is_refused_and_nothing_saved(client, learner, built, kinds, message):
    response = client.post(_url(built), _post(built, **kinds), **JSON)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not MagnetBoardAttempt.objects.exists()
