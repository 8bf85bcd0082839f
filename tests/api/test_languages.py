"""Languages in the API: a council chooses what it offers; a coordinator sees each choice."""

from __future__ import annotations

from models import YoungPerson
from tests.support.catalogs import use_locale_dir, write_catalog


async def test_a_council_offers_every_complete_language_until_it_chooses(
    client, world, every_language_complete
):
    read = (await client.get("/v1/admin/organisation", headers=world.auth("admin"))).json()
    assert read["offered_languages"] is None and read["language"] == "en"
    assert len(read["offered_now"]) == 13
    chosen = await client.patch(
        "/v1/admin/organisation",
        json={"offered_languages": ["ps", "fa-AF", "ar"]},
        headers=world.auth("admin"),
    )
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["offered_now"] == ["en", "ps", "fa-AF", "ar"]
    back = await client.patch(
        "/v1/admin/organisation", json={"offered_languages": None}, headers=world.auth("admin")
    )
    assert back.json()["offered_languages"] is None and len(back.json()["offered_now"]) == 13


async def test_a_language_kith_cannot_use_is_refused_with_a_reason(client, world):
    unknown = await client.patch(
        "/v1/admin/organisation", json={"offered_languages": ["de"]}, headers=world.auth("admin")
    )
    assert unknown.status_code == 422 and "offered_languages" in unknown.json()["detail"]
    shape = await client.patch(
        "/v1/admin/organisation", json={"language": "<b>"}, headers=world.auth("admin")
    )
    assert shape.status_code == 422
    coordinator = await client.patch(
        "/v1/admin/organisation", json={"offered_languages": ["cy"]}, headers=world.auth("cara")
    )
    assert coordinator.status_code == 403


async def test_the_nudge_language_needs_every_coordinator_text(
    client, world, tmp_path, monkeypatch
):
    locale_dir = tmp_path / "locale"
    use_locale_dir(monkeypatch, locale_dir)
    write_catalog(locale_dir, "cy", {"Acknowledge": "Cydnabod"})
    partial = await client.patch(
        "/v1/admin/organisation", json={"language": "cy"}, headers=world.auth("admin")
    )
    assert partial.status_code == 422 and "coordinators' texts" in partial.json()["detail"]


async def test_a_coordinator_sees_the_language_the_young_person_chose(client, world, sessionmaker):
    async with sessionmaker.begin() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        sam.language = "ti"
    read = await client.get(f"/v1/young-people/{world.ids['sam']}", headers=world.auth("cara"))
    assert read.json()["language"] == "ti" and read.json()["language_name"] == "Tigrinya"
    unknown = await client.patch(
        f"/v1/young-people/{world.ids['sam']}", json={"language": "xx"}, headers=world.auth("cara")
    )
    assert unknown.status_code == 422 and "language" in unknown.json()["detail"]
