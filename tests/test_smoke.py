from tests.conftest import login


def test_employee_submits_and_sees_idea(world):
    client = login(world.employee)
    response = client.post("/o/testila/ideat/uusi/", {
        "title": "Takaisinsoitto neuvontaan", "problem": "Jonot ovat pitkiä.",
        "proposal": "Soitetaan takaisin.", "beneficiaries": "both", "units": [world.unit.pk],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response["Location"])
    assert "Takaisinsoitto neuvontaan" in page.content.decode()
