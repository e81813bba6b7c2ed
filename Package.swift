// swift-tools-version: 6.0
import PackageDescription

// No package dependencies: Foundation plus system C libraries that Debian packages (SQLite, OpenSSL's
// libcrypto, libqrencode, PostgreSQL's libpq, libevent for `minid serve`).
let package = Package(
  name: "minid",
  products: [
    .executable(name: "minid", targets: ["minid"]),
    .library(name: "MinIDKit", targets: ["MinIDKit"]),
    // The command line (parser, commands, rendering, the HTTP layer of `minid serve`), for the fuzz package.
    .library(name: "MinIDCommandLine", targets: ["MinIDCommandLine"]),
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
    .systemLibrary(
      name: "CQRencode",
      pkgConfig: "libqrencode",
      providers: [.apt(["libqrencode-dev"])]
    ),
    .systemLibrary(
      name: "CPostgres",
      pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"])]
    ),
    // libevent's evhttp for `minid serve`; the module map links `event` (evhttp is not in `event_core`)
    // and `event_pthreads`, whose pkg-config file requires `libevent`.
    .systemLibrary(
      name: "CEvent",
      pkgConfig: "libevent_pthreads",
      providers: [.apt(["libevent-dev"])]
    ),
    // TLS for `minid serve --tls-cert/--tls-key`: OpenSSL's libssl and libevent's bufferevent_openssl.
    .systemLibrary(
      name: "CEventTLS",
      pkgConfig: "libevent_openssl",
      providers: [.apt(["libevent-dev", "libssl-dev"])]
    ),
    // prctl(2), which is variadic and so not visible to Swift through Glibc.
    .systemLibrary(name: "CSystem"),
    .target(
      name: "MinIDKit",
      dependencies: ["CSQLite", "CCrypto", "CQRencode", "CPostgres", "CSystem"],
      // The common-password list, its source and licence: compiled in by CommonPasswordsPlugin.
      exclude: ["Credentials/CommonPasswords"],
      plugins: ["CommonPasswordsPlugin"]
    ),
    .plugin(name: "CommonPasswordsPlugin", capability: .buildTool()),
    // Parses, calls MinIDKit and renders; `minid` is its entry point and nothing else.
    .target(
      name: "MinIDCommandLine",
      dependencies: ["MinIDKit", "CEvent", "CEventTLS", "CSystem"]
    ),
    .executableTarget(
      name: "minid",
      dependencies: ["MinIDCommandLine"]
    ),
    .executableTarget(
      name: "minid-login-benchmark",
      dependencies: ["MinIDKit"],
      path: "benchmarks/LoginBenchmark"
    ),
    .executableTarget(
      name: "minid-lookup-benchmark",
      dependencies: ["MinIDKit"],
      path: "benchmarks/LookupBenchmark"
    ),
    .testTarget(
      name: "MinIDKitTests",
      dependencies: ["MinIDKit"]
    ),
    .testTarget(
      name: "minidTests",
      dependencies: ["MinIDCommandLine", "MinIDKit"]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["minid"]
    ),
  ]
)
