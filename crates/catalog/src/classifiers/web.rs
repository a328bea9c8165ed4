//! Web assets (JavaScript and CSS libraries in web roots).

use crate::classifier::{Classifier, Scope};
use fwassure_model::Confidence;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from jquery.min.js of Debian package libjs-jquery (version see snippet); snippet under tests/snippets/jquery/.
    // Sample: /*! jQuery v3.6.1 | (c) OpenJS Foundation
    Classifier {
        id: "jquery",
        name: "jquery",
        globs: &[r#"*.js"#],
        anchors: &["jQuery v", "jQuery JavaScript Library v"],
        pattern: r#"jQuery (?:JavaScript Library )?v(?P<version>\d+\.\d+\.\d+)"#,
        sample: "/*! jQuery v3.6.1 | (c) OpenJS Foundation",
        purl: "pkg:generic/jquery@{version}",
        cpe: "cpe:2.3:a:jquery:jquery:{version}:*:*:*:*:*:*:*",
        text_asset: true,
        debian: &["libjs-jquery"],
        ..Classifier::DEFAULT
    },
    // Written from jquery-ui.js of Debian package libjs-jquery-ui (version see snippet); snippet under tests/snippets/jquery-ui/.
    // Sample:  * jQuery UI Menu 1.13.2
    Classifier {
        id: "jquery-ui",
        name: "jquery-ui",
        globs: &[r#"*.js"#],
        anchors: &["jQuery UI "],
        pattern: r#"jQuery UI (?:- v|[\w :]+ )(?P<version>1\.\d+\.\d+)"#,
        sample: " * jQuery UI Menu 1.13.2",
        purl: "pkg:generic/jquery-ui@{version}",
        cpe: "cpe:2.3:a:jqueryui:jquery_ui:{version}:*:*:*:*:*:*:*",
        text_asset: true,
        debian: &["libjs-jquery-ui"],
        ..Classifier::DEFAULT
    },
    // Written from bootstrap.js of Debian package libjs-bootstrap (version see snippet); snippet under tests/snippets/bootstrap3/.
    // Sample:  * Bootstrap: tab.js v3.4.1
    Classifier {
        id: "bootstrap3",
        name: "bootstrap",
        globs: &[r#"*.js"#],
        anchors: &["Bootstrap: "],
        pattern: r#"Bootstrap: [\w-]+\.js v(?P<version>\d+\.\d+\.\d+)"#,
        sample: " * Bootstrap: tab.js v3.4.1",
        purl: "pkg:generic/bootstrap@{version}",
        cpe: "cpe:2.3:a:getbootstrap:bootstrap:{version}:*:*:*:*:*:*:*",
        text_asset: true,
        debian: &["libjs-bootstrap"],
        ..Classifier::DEFAULT
    },
    // Written from angular.js of Debian package libjs-angularjs (version see snippet); snippet under tests/snippets/angularjs/.
    // Sample:  * @license AngularJS v1.8.3
    Classifier {
        id: "angularjs",
        name: "angularjs",
        globs: &[r#"*.js"#],
        anchors: &["AngularJS v"],
        pattern: r#"@license AngularJS v(?P<version>\d+\.\d+\.\d+)"#,
        sample: " * @license AngularJS v1.8.3",
        purl: "pkg:generic/angularjs@{version}",
        cpe: "cpe:2.3:a:angularjs:angular.js:{version}:*:*:*:*:*:*:*",
        text_asset: true,
        debian: &["libjs-angularjs"],
        ..Classifier::DEFAULT
    },
    // Written from lodash.js of Debian package libjs-lodash (version see snippet); snippet under tests/snippets/lodash/.
    // Sample:   var VERSION = '4.17.21';
    Classifier {
        id: "lodash",
        name: "lodash",
        globs: &[r#"*.js"#],
        anchors: &["lodash"],
        pattern: r#"var VERSION = '(?P<version>4\.\d+\.\d+)';"#,
        scope: Scope::File,
        guards: &[r#"lodash\.com"#],
        sample: "  var VERSION = '4.17.21';",
        purl: "pkg:generic/lodash@{version}",
        cpe: "cpe:2.3:a:lodash:lodash:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        text_asset: true,
        debian: &["libjs-lodash"],
        ..Classifier::DEFAULT
    },
    // Written from moment.js of Debian package libjs-moment (version see snippet); snippet under tests/snippets/moment/.
    // Sample: //! version : 2.29.4
    Classifier {
        id: "moment",
        name: "moment",
        globs: &[r#"*.js"#],
        anchors: &["//! version : "],
        pattern: r#"//! version : (?P<version>\d+\.\d+\.\d+)"#,
        guards: &[r#"//! moment\.js"#],
        sample: "//! version : 2.29.4",
        purl: "pkg:generic/moment@{version}",
        cpe: "cpe:2.3:a:momentjs:moment:{version}:*:*:*:*:*:*:*",
        text_asset: true,
        debian: &["libjs-moment"],
        ..Classifier::DEFAULT
    },
    // Written from underscore.js of Debian package libjs-underscore (version see snippet); snippet under tests/snippets/underscore/.
    // Sample:   //     Underscore.js 1.13.4
    Classifier {
        id: "underscore",
        name: "underscore",
        globs: &[r#"*.js"#],
        anchors: &["Underscore.js "],
        pattern: r#"Underscore\.js (?P<version>\d+\.\d+\.\d+)"#,
        sample: "  //     Underscore.js 1.13.4",
        purl: "pkg:generic/underscore@{version}",
        cpe: "cpe:2.3:a:underscorejs:underscore:{version}:*:*:*:*:*:*:*",
        text_asset: true,
        debian: &["libjs-underscore"],
        ..Classifier::DEFAULT
    },
];
