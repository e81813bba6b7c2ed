// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for minid's parsers, in a package of their own so the main build never links
// libFuzzer. Build and run with scripts/fuzz.sh. MinIDCommands is the `minid` executable's own source
// (a symbolic link) built as a library without its entry point, so the command-line parser can be fuzzed;
// it needs CEvent and CEventTLS, the system libraries of its HTTP server.
let fuzzers = [
  "FuzzIdentityNumber", "FuzzContact", "FuzzCSVImport", "FuzzJSONLinesImport", "FuzzToken",
  "FuzzPasswordHash",
  "FuzzCommandLine",
]

let package = Package(
  name: "minid-fuzz",
  dependencies: [.package(name: "minid", path: "..")],
  targets: [
    .target(
      name: "MinIDCommands",
      dependencies: [
        .product(name: "MinIDKit", package: "minid"), .product(name: "CEvent", package: "minid"),
        .product(name: "CEventTLS", package: "minid"),
      ],
      exclude: ["main.swift"]
    )
  ]
    + fuzzers.map { name in
      .executableTarget(
        name: name,
        dependencies: [.product(name: "MinIDKit", package: "minid"), "MinIDCommands"]
      )
    }
)
