// swift-tools-version: 6.0
import PackageDescription

// No package dependencies: Foundation plus two system C libraries that Debian packages.
let package = Package(
  name: "minid",
  products: [
    .executable(name: "minid", targets: ["minid"]),
    .library(name: "MinIDKit", targets: ["MinIDKit"]),
  ],
  targets: [
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    .systemLibrary(
      name: "CCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    .target(
      name: "MinIDKit",
      dependencies: ["CSQLite", "CCrypto"]
    ),
    .executableTarget(
      name: "minid",
      dependencies: ["MinIDKit"]
    ),
    .testTarget(
      name: "MinIDKitTests",
      dependencies: ["MinIDKit"]
    ),
    .testTarget(
      name: "minidTests",
      dependencies: ["minid", "MinIDKit"]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["minid"]
    ),
  ]
)
