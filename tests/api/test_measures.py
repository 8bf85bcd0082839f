"""Measures through the API: the SDQ total stays in its range."""

from __future__ import annotations


async def test_measures_keep_the_sdq_in_its_range(client, world):
    sam = world.ids["sam"]
    ok = await client.post(
        f"/v1/young-people/{sam}/measures",
        json={"kind": "sdq_total", "value": 18, "recorded_on": "2026-03-01"},
        headers=world.auth("cara"),
    )
    assert ok.status_code == 201 and ok.json()["recorded_by"] == world.ids["cara"]
    too_high = await client.post(
        f"/v1/young-people/{sam}/measures",
        json={"kind": "sdq_total", "value": 41, "recorded_on": "2026-03-01"},
        headers=world.auth("cara"),
    )
    assert too_high.status_code == 422 and "40" in too_high.json()["detail"]
    listed = await client.get(f"/v1/young-people/{sam}/measures", headers=world.auth("cara"))
    assert [m["value"] for m in listed.json()["items"]] == [18]
