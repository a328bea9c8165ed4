//! The Kubernetes manifests under `deploy/k8s/`: every file parses, names no namespace, and every container
//! runs unprivileged with resources; the workers and the submit Job read the store URL from the Secret and
//! mount the image volume the PVC defines.

use std::collections::BTreeMap;
use yaml_rust2::{Yaml, YamlLoader};

fn manifests() -> BTreeMap<String, Yaml> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/k8s");
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert_eq!(docs.len(), 1, "{}: one object per file", p.display());
        let doc = docs.into_iter().next().unwrap();
        let kind = doc["kind"].as_str().unwrap_or_else(|| panic!("{}: no kind", p.display())).to_string();
        assert!(doc["apiVersion"].as_str().is_some(), "{kind}: apiVersion");
        assert!(doc["metadata"]["namespace"].is_badvalue(), "{kind}: namespace-less, apply with -n");
        assert!(out.insert(kind.clone(), doc).is_none(), "one {kind}");
    }
    out
}

fn strings(y: &Yaml) -> Vec<&str> {
    y.as_vec().map(|v| v.iter().filter_map(Yaml::as_str).collect()).unwrap_or_default()
}

/// Checks a pod template and returns its one container's args.
fn check_pod(what: &str, pod: &Yaml, secret: &str, key: &str, claim: &str) -> Vec<String> {
    let spec = &pod["spec"];
    assert_eq!(spec["automountServiceAccountToken"].as_bool(), Some(false), "{what}: no API token");
    let psc = &spec["securityContext"];
    assert_eq!(psc["runAsNonRoot"].as_bool(), Some(true), "{what}: runAsNonRoot");
    assert!(psc["runAsUser"].as_i64().is_some_and(|u| u > 0), "{what}: a non-root uid");
    assert_eq!(psc["seccompProfile"]["type"].as_str(), Some("RuntimeDefault"), "{what}: seccomp");
    let containers = spec["containers"].as_vec().unwrap();
    assert_eq!(containers.len(), 1, "{what}");
    let c = &containers[0];
    let sc = &c["securityContext"];
    assert_eq!(sc["readOnlyRootFilesystem"].as_bool(), Some(true), "{what}: read-only root");
    assert_eq!(sc["allowPrivilegeEscalation"].as_bool(), Some(false), "{what}: no escalation");
    assert_eq!(sc["privileged"].as_bool(), Some(false), "{what}: not privileged");
    assert_eq!(strings(&sc["capabilities"]["drop"]), ["ALL"], "{what}: no capabilities");
    assert!(sc["capabilities"]["add"].is_badvalue(), "{what}: none added");
    for bound in ["requests", "limits"] {
        for res in ["cpu", "memory"] {
            assert!(!c["resources"][bound][res].is_badvalue(), "{what}: resources.{bound}.{res}");
        }
    }
    let env = c["env"].as_vec().unwrap();
    let store = env.iter().find(|e| e["name"].as_str() == Some("FWASSURE_STORE")).expect("FWASSURE_STORE");
    assert_eq!(store["valueFrom"]["secretKeyRef"]["name"].as_str(), Some(secret), "{what}");
    assert_eq!(store["valueFrom"]["secretKeyRef"]["key"].as_str(), Some(key), "{what}");
    let vols = spec["volumes"].as_vec().unwrap();
    let fleet = vols.iter().find(|v| v["name"].as_str() == Some("fleet")).expect("fleet volume");
    assert_eq!(fleet["persistentVolumeClaim"]["claimName"].as_str(), Some(claim), "{what}");
    let mounts = c["volumeMounts"].as_vec().unwrap();
    let m = mounts.iter().find(|m| m["name"].as_str() == Some("fleet")).expect("fleet mount");
    assert_eq!((m["mountPath"].as_str(), m["readOnly"].as_bool()), (Some("/fleet"), Some(true)), "{what}");
    let args: Vec<String> = strings(&c["args"]).into_iter().map(String::from).collect();
    let at = args.iter().position(|a| a == "--store").expect("--store");
    assert_eq!(args[at + 1], "$(FWASSURE_STORE)", "{what}: the URL from the Secret, never in the manifest");
    args
}

#[test]
fn manifests_parse_and_run_unprivileged() {
    let m = manifests();
    assert_eq!(
        m.keys().map(String::as_str).collect::<Vec<_>>(),
        ["Deployment", "Job", "PersistentVolumeClaim", "Secret"]
    );
    let secret = &m["Secret"];
    let name = secret["metadata"]["name"].as_str().unwrap();
    let key = "url";
    assert!(secret["stringData"][key].as_str().unwrap().starts_with("postgres://"));
    let claim = m["PersistentVolumeClaim"]["metadata"]["name"].as_str().unwrap();
    assert_eq!(strings(&m["PersistentVolumeClaim"]["spec"]["accessModes"]), ["ReadWriteMany"], "shared by the workers");

    let d = &m["Deployment"];
    assert!(d["spec"]["replicas"].as_i64().is_some_and(|n| n > 1), "several workers");
    let pod = &d["spec"]["template"];
    assert_eq!(pod["metadata"]["labels"], d["spec"]["selector"]["matchLabels"], "the selector matches the pods");
    let args = check_pod("worker Deployment", pod, name, key, claim);
    assert_eq!(args[0], "worker");
    assert!(args.windows(2).any(|w| w[0] == "--lease-secs" && w[1].parse::<u64>().is_ok()), "{args:?}");
    let grace = pod["spec"]["terminationGracePeriodSeconds"].as_i64().unwrap();
    assert!(grace >= 300, "SIGTERM lets a running scan finish: {grace}");

    let j = &m["Job"];
    assert_eq!(j["spec"]["template"]["spec"]["restartPolicy"].as_str(), Some("Never"));
    let args = check_pod("submit Job", &j["spec"]["template"], name, key, claim);
    assert_eq!(&args[..3], ["fleet", "submit", "/fleet"]);
}
