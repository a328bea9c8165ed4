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
    // Written from jquery.js and jquery.min.js of Debian package libjs-jquery and a vendor web UI's minified copy
    // without its licence header: jQuery 1.x-3.x define `version = "X.Y.Z"` right before the constructor
    // `jQuery = function(selector, context) { return new jQuery.fn.init(selector, context) }`, which minifiers
    // keep in shape (`db="1.11.1",eb=function(a,b){return new eb.fn.init(a,b)}`). Snippets under
    // tests/snippets/jquery-code/ (Debian source and minified builds, a camera web UI).
    // Sample: var e="3.6.1",C=function(e,t){return new C.fn.init(e,t)};
    Classifier {
        id: "jquery-code",
        name: "jquery",
        globs: &[r#"*.js"#],
        anchors: &[".fn.init("],
        pattern: r#"=\s*"(?P<version>[1-3]\.\d+\.\d+)",\s*(?://[^\n]*\s*)*[\w$]+\s*=\s*function\s*\(\s*[\w$]+,\s*[\w$]+\s*\)\s*\{\s*(?://[^\n]*\s*)*return new [\w$]+\.fn\.init\("#,
        sample: "var e=\"3.6.1\",C=function(e,t){return new C.fn.init(e,t)};",
        purl: "pkg:generic/jquery@{version}",
        cpe: "cpe:2.3:a:jquery:jquery:{version}:*:*:*:*:*:*:*",
        text_asset: true,
        window: 512,
        debian: &["libjs-jquery"],
        ..Classifier::DEFAULT
    },
    // Written from the MooTools Core source (Source/Core/Core.js: `this.MooTools = {version: '1.4.5', build:
    // '…'}`), kept as is by minifiers. Snippet under tests/snippets/mootools/ cut from a camera web UI.
    // Sample: this.MooTools={version:"1.4.5",build:"ab8ea8824dc3b24b6666867a2c4ed58ebb762cf0"};
    Classifier {
        id: "mootools",
        name: "mootools",
        globs: &[r#"*.js"#],
        anchors: &["MooTools"],
        pattern: r#"MooTools\s*=\s*\{\s*version:\s*['"](?P<version>1\.\d+(?:\.\d+){0,2})['"]"#,
        sample: "this.MooTools={version:\"1.4.5\",build:\"ab8ea8824dc3b24b6666867a2c4ed58ebb762cf0\"};",
        purl: "pkg:generic/mootools@{version}",
        cpe: "cpe:2.3:a:mootools:mootools:{version}:*:*:*:*:*:*:*",
        text_asset: true,
        ..Classifier::DEFAULT
    },
    // Written from the Sea.js source (src/sea.js: `var seajs = global.seajs = { // The current version of Sea.js
    // being used\n version: "@VERSION" }`), kept by minifiers. Snippet under tests/snippets/seajs/ cut from a
    // camera web UI.
    // Sample: var u=a.seajs={version:"2.1.1"}
    Classifier {
        id: "seajs",
        name: "seajs",
        globs: &[r#"*.js"#],
        anchors: &["seajs"],
        pattern: r#"seajs\s*=\s*\{\s*(?://[^\n]*\s*)*version:\s*['"](?P<version>\d+\.\d+\.\d+)['"]"#,
        sample: "var u=a.seajs={version:\"2.1.1\"}",
        purl: "pkg:npm/seajs@{version}",
        cpe: "cpe:2.3:a:seajs:seajs:{version}:*:*:*:*:*:*:*",
        text_asset: true,
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
