//! Every SBOM and SARIF output validates against the official JSON schemas vendored in `schemas/`
//! (offline: the schemas a document references are registered from the vendored files).

use crate::common;

use fwassure_report::{cyclonedx, sarif, spdx, SbomOptions};
use jsonschema::{Registry, Validator};
use serde_json::Value;

fn load(name: &str) -> Value {
    let p = format!("{}/schemas/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))).expect("schema is JSON")
}

fn cyclonedx_validator() -> Validator {
    let registry = Registry::new()
        .add("http://cyclonedx.org/schema/spdx.schema.json", load("spdx.schema.json"))
        .expect("spdx")
        .add("http://cyclonedx.org/schema/jsf-0.82.schema.json", load("jsf-0.82.schema.json"))
        .expect("jsf")
        .prepare()
        .expect("registry");
    jsonschema::options()
        .offline()
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&load("bom-1.6.schema.json"))
        .expect("CycloneDX schema compiles")
}

fn validator(name: &str) -> Validator {
    jsonschema::options().offline().should_validate_formats(true).build(&load(name)).expect("schema compiles")
}

fn assert_valid(v: &Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not validate:\n{}", errors.join("\n"));
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).expect("output is JSON")
}

fn reports() -> Vec<(&'static str, fwassure_model::Report)> {
    vec![("fixture", common::report()), ("empty", common::empty_report())]
}

#[test]
fn cyclonedx_validates_against_bom_1_6() {
    let v = cyclonedx_validator();
    for (name, r) in reports() {
        assert_valid(&v, &parse(&cyclonedx::render(&r)), &format!("cyclonedx {name}"));
        let opts = SbomOptions { created: Some("2024-01-02T03:04:05Z".into()), ..Default::default() };
        assert_valid(&v, &parse(&cyclonedx::render_with(&r, &opts)), &format!("cyclonedx {name} with time"));
    }
}

#[test]
fn cyclonedx_vex_validates_against_bom_1_6() {
    let v = cyclonedx_validator();
    for (name, r) in reports() {
        let plain = fwassure_report::vex::render_cyclonedx(&r, &Default::default());
        assert_valid(&v, &parse(&plain), &format!("cyclonedx vex {name}"));
        let opts = fwassure_report::VexOptions { created: Some("2024-01-02T03:04:05Z".into()), ..Default::default() };
        let dated = fwassure_report::vex::render_cyclonedx(&r, &opts);
        assert_valid(&v, &parse(&dated), &format!("cyclonedx vex {name} with time"));
    }
}

#[test]
fn the_cyclonedx_validator_rejects_a_broken_bom() {
    // guards the test itself: a validator that accepts anything would make the test above meaningless
    let v = cyclonedx_validator();
    let mut doc = parse(&cyclonedx::render(&common::report()));
    doc["components"][0]["type"] = Value::String("gadget".into());
    assert!(!v.is_valid(&doc));
    let mut doc = parse(&cyclonedx::render(&common::report()));
    doc["components"][0]["licenses"] = serde_json::json!([{"license": {"id": "Not-A-Licence"}}]);
    assert!(!v.is_valid(&doc), "the referenced spdx.schema.json enumeration must be enforced");
    let mut doc = parse(&cyclonedx::render(&common::report()));
    doc["serialNumber"] = Value::String("12345".into());
    assert!(!v.is_valid(&doc));
}

#[test]
fn spdx_validates_against_the_2_3_schema() {
    let v = validator("spdx-2.3.schema.json");
    for (name, r) in reports() {
        assert_valid(&v, &parse(&spdx::render(&r)), &format!("spdx {name}"));
    }
    let mut doc = parse(&spdx::render(&common::report()));
    doc["packages"][0]["primaryPackagePurpose"] = Value::String("GADGET".into());
    assert!(!v.is_valid(&doc));
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let v = validator("sarif-2.1.0.schema.json");
    for (name, r) in reports() {
        assert_valid(&v, &parse(&sarif::render(&r)), &format!("sarif {name}"));
    }
    let mut doc = parse(&sarif::render(&common::report()));
    doc["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    assert!(!v.is_valid(&doc));
}

fn report_validator() -> Validator {
    let p = format!("{}/../../schemas/report.v1.json", env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).expect("schema is JSON");
    jsonschema::options().offline().build(&schema).expect("report schema compiles")
}

#[test]
fn the_json_report_meets_its_contract() {
    let v = report_validator();
    for (name, r) in reports() {
        assert_valid(&v, &parse(&fwassure_report::json::render(&r)), &format!("report {name}"));
    }
}

#[test]
fn the_report_contract_rejects_what_it_does_not_define() {
    // the contract is closed: a renamed or unknown field, a wrong enum value or a missing section fails
    let v = report_validator();
    let good = parse(&fwassure_report::json::render(&common::report()));
    let mut unknown = good.clone();
    unknown["findings"][0]["sevrity"] = Value::from("high");
    assert!(!v.is_valid(&unknown));
    let mut bad_enum = good.clone();
    bad_enum["findings"][0]["severity"] = Value::from("severe");
    assert!(!v.is_valid(&bad_enum));
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("stats");
    assert!(!v.is_valid(&missing));
}
