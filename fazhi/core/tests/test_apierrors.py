import http.client


def test_the_openapi_document_describes_statuses_in_its_own_words_not_the_interpreters(
        client, monkeypatch):
    # Python 3.13 says "Unprocessable Content" where 3.12 said "Unprocessable Entity".
    monkeypatch.setitem(http.client.responses, 422, "Unprocessable Content")
    document = client.get("/api/v1/openapi.json").json()
    descriptions = {status: response["description"]
                    for operations in document["paths"].values()
                    for operation in operations.values()
                    for status, response in operation["responses"].items()}
    assert descriptions["422"] == "Unprocessable Entity"
    assert descriptions["429"] == "Too Many Requests"
    assert set(descriptions) == {"200", "201", "204", "401", "403", "404", "409", "422", "429"}
