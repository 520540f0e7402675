//! The OpenAPI document.

use tests::{TestApp, api_test, ok_json};

api_test!(
    the_openapi_document_describes_the_api,
    |app: TestApp| async move {
        let doc: serde_json::Value = ok_json(app.get("/api/openapi.json").await).await;
        assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
        for path in [
            "/healthz",
            "/api/v1/campaigns",
            "/api/v1/campaigns/{slug}",
            "/api/v1/campaigns/{slug}/events",
            "/api/v1/campaigns/{slug}/stats",
            "/api/v1/events/{id}",
            "/api/v1/events/{id}/cancel",
            "/api/v1/events/{id}.ics",
            "/api/v1/places",
            "/api/v1/campaigns/{slug}/events.geojson",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} missing");
        }
        assert!(doc["components"]["schemas"].get("RegisterEvent").is_some());

        // Every operation has its own id and lists the failures any request
        // can meet; the new write operations are there.
        let mut ids = std::collections::BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("item") {
                let id = operation["operationId"].as_str().expect("operationId");
                assert!(ids.insert(id.to_string()), "{id} used twice");
                for status in ["500", "503"] {
                    assert!(
                        operation["responses"].get(status).is_some(),
                        "{method} {path} does not list {status}"
                    );
                }
                if method != "get" {
                    assert!(
                        operation["responses"].get("429").is_some(),
                        "{method} {path}"
                    );
                }
            }
        }
        assert!(doc["paths"]["/api/v1/events/{id}"].get("delete").is_some());
        assert!(doc["paths"].get("/api/v1/events/{id}/edit-link").is_some());
        let links =
            &doc["paths"]["/api/v1/campaigns/{slug}/events"]["post"]["responses"]["201"]["links"];
        assert_eq!(links["UpdateEvent"]["operationId"], "update_event");
    }
);
