//! Login credentials written in notes that ship beside the firmware in a vendor's download bundle.
//!
//! A download (`.zip`, `.rar`, `.7z`, `.tar`) often holds, next to the firmware file, a small text file
//! telling the user how to log in to the device after the update (`admin` / `@Hua1234`). Such a note is not
//! part of the firmware, but it publishes the management login every device of the release has: the
//! finding is informational and names the note.
//!
//! Read: text files up to 4 KiB in a layer that is not a root filesystem (no `/etc`, `/bin`, `/sbin`,
//! `/lib` or `/usr` at its root), outside `__MACOSX` resource folders. A credential is either a labelled
//! pair (`user: admin` and `password: x`, in the languages vendors write notes in), or a file whose name
//! says it holds the login (`password.txt`, `اليوزر والباسورد.txt`, `密码.txt`) and whose only two lines
//! are a user name and a password. Placeholders (`<password>`, `xxxx`, `your password`) are not
//! credentials. The subject is `web-login`: the login such notes give is the device's management (web)
//! login.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A login credential stated in a note of the download bundle.
pub const BUNDLE_CREDENTIAL: RuleMeta = RuleMeta {
    id: "secret.bundle-credential-note",
    kind: FindingKind::HardcodedSecret,
    severity: Severity::Info,
    cwe: "CWE-1392",
    title: "The download bundle states the device's login credential",
    remediation:
        "Do not publish a fixed login with the firmware: have each device require a unique password at first use.",
    requirements: reqs::BUNDLE_NOTE,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[BUNDLE_CREDENTIAL];

use crate::rule::At;
use crate::text::{redact, text_data};
use crate::{checks::Check, ChecksOutput, Ctx};
use fwassure_model::Tree;

/// The bundle-notes check.
pub struct BundleNotes;

/// Largest note read.
const MAX_NOTE: u64 = 4 << 10;

/// Words for "user name" in note labels and file names (lower case; English, French, German, Spanish,
/// Portuguese, Italian, Russian, Arabic, Chinese, Japanese).
const USER_WORDS: &[&str] = &[
    "user",
    "username",
    "user name",
    "login",
    "account",
    "utilisateur",
    "identifiant",
    "benutzer",
    "benutzername",
    "usuario",
    "usuário",
    "utente",
    "логин",
    "пользователь",
    "يوزر",
    "اسم المستخدم",
    "المستخدم",
    "用户名",
    "帳號",
    "账号",
    "ユーザー名",
];
/// Words for "password" in note labels and file names.
const PASSWORD_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "mot de passe",
    "passwort",
    "kennwort",
    "contraseña",
    "senha",
    "пароль",
    "باسورد",
    "كلمة المرور",
    "كلمة السر",
    "密码",
    "密碼",
    "パスワード",
];

fn says(text: &str, words: &[&str]) -> bool {
    let t = text.to_lowercase();
    words.iter().any(|w| t.contains(w))
}

/// A root filesystem: the usual top folders of a device's root.
fn is_root_fs(t: &Tree) -> bool {
    ["/etc", "/bin", "/sbin", "/lib", "/usr"].iter().any(|d| t.get(d).is_some())
}

fn plausible_user(u: &str) -> bool {
    (1..=32).contains(&u.chars().count()) && u.chars().all(|c| c.is_alphanumeric() || "._-@".contains(c))
}

fn plausible_password(p: &str) -> bool {
    let lower = p.to_lowercase();
    (1..=64).contains(&p.chars().count())
        && !p.chars().any(char::is_whitespace)
        && !p.starts_with(['<', '[', '{', '$'])
        && !lower.chars().all(|c| c == 'x' || c == '*')
        && !matches!(lower.as_str(), "password" | "passwd" | "changeme" | "none" | "null" | "yourpassword")
}

/// The value after a label (`user: admin`, `Password = x`): the label must be a user or password word.
fn labelled<'a>(line: &'a str, words: &[&str]) -> Option<&'a str> {
    let (label, value) = line.split_once([':', '=', '：'])?;
    let label = label.trim();
    (label.chars().count() <= 24 && says(label, words)).then(|| value.trim())
}

/// The (user, password, 1-based line of the password) a note states.
pub fn note_credential(name: &str, text: &str) -> Option<(String, String, usize)> {
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty()).collect();
    // labelled pairs
    let user = lines.iter().find_map(|(_, l)| labelled(l, USER_WORDS).filter(|u| plausible_user(u)));
    let pass =
        lines.iter().find_map(|(n, l)| labelled(l, PASSWORD_WORDS).filter(|p| plausible_password(p)).map(|p| (p, *n)));
    if let (Some(u), Some((p, n))) = (user, pass) {
        return Some((u.to_string(), p.to_string(), n));
    }
    // a note named for the login, holding a user name and a password on two lines
    if says(name, PASSWORD_WORDS) || (says(name, USER_WORDS) && lines.len() == 2) {
        if let [(_, u), (n, p)] = lines[..] {
            if plausible_user(u) && plausible_password(p) && u != p {
                return Some((u.to_string(), p.to_string(), n));
            }
        }
    }
    None
}

impl Check for BundleNotes {
    fn id(&self) -> &'static str {
        "bundle_notes"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        for layer in ctx.vfs.filesystems() {
            let Some(tree) = layer.tree.as_ref() else { continue };
            if is_root_fs(tree) {
                continue;
            }
            for (path, _, data) in tree.files() {
                if data.len() > MAX_NOTE || path.split('/').any(|c| c == "__MACOSX" || c.starts_with("._")) {
                    continue;
                }
                let Some(bytes) = text_data(data) else { continue };
                let text = String::from_utf8_lossy(&bytes);
                let name = path.rsplit('/').next().unwrap_or(path);
                let Some((user, password, line)) = note_credential(name, &text) else { continue };
                let mut f = BUNDLE_CREDENTIAL.finding(
                    At::new(&layer.id, path).line(line),
                    "web-login",
                    format!(
                        "A note in the download bundle gives the device's login: user '{user}', password {}.",
                        redact(&password, 2)
                    ),
                    format!("{path}: {user} / {}", redact(&password, 2)),
                );
                f.fingerprint = Some(crate::keys::secret_fingerprint("password", password.as_bytes()));
                out.findings.push(f);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::path_subjects;

    #[test]
    fn notes_in_a_bundle() {
        let got = path_subjects(
            &BundleNotes,
            &[
                // two lines in a file named "the user and the password" (Arabic), as a vendor zip has it
                ("HG532e/اليوزر والباسورد.txt", "admin\r\n@Hua1234\r\n"),
                ("fw/readme.txt", "Upgrade steps:\nUser: admin\nPassword: Pa55word!\n"),
                // decoys: placeholders, prose, a name that says nothing, macOS resource forks
                ("fw/howto.txt", "Log in with your user name and password.\nuser: <your user>\npassword: <password>\n"),
                ("fw/notes.txt", "admin\nsecret1\n"),
                ("__MACOSX/fw/._password.txt", "admin\nsecret1\n"),
                ("fw/password.txt", "Please change the default password after the update\n"),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("/HG532e/اليوزر والباسورد.txt".to_string(), "web-login".to_string()),
                ("/fw/readme.txt".to_string(), "web-login".to_string()),
            ]
        );
    }

    #[test]
    fn a_root_filesystem_is_not_a_bundle() {
        let got = path_subjects(
            &BundleNotes,
            &[("etc/passwd", "root:x:0:0::/:/bin/sh\n"), ("www/password.txt", "admin\nadmin1\n")],
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
