// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for minid's parsers, in a package of their own so the main build never links
// libFuzzer. Build and run with scripts/fuzz.sh. The command-line parser is fuzzed through the
// MinIDCommandLine library that the `minid` executable is built from.
let fuzzers = [
  "FuzzIdentityNumber", "FuzzContact", "FuzzCSVImport", "FuzzJSONLinesImport", "FuzzToken",
  "FuzzPasswordHash",
  "FuzzCommandLine",
]

let package = Package(
  name: "minid-fuzz",
  dependencies: [.package(name: "minid", path: "..")],
  targets: fuzzers.map { name in
    .executableTarget(
      name: name,
      dependencies: [
        .product(name: "MinIDKit", package: "minid"), .product(name: "MinIDCommandLine", package: "minid"),
      ]
    )
  }
)
