import Foundation
import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// `minid serve`: the store's OpenID Provider over HTTP (decisions §8).
enum ServeCommand {
  static let listen = OptionHandle.optional(
    "listen", value: "host:port",
    help: "Where to listen (default 127.0.0.1:8080; [::1]:8080 for IPv6; port 0 picks a free port).")
  static let publicURL = OptionHandle.optional(
    "public-url", value: "url",
    help: "The URL clients reach the server at; must be the store's issuer (the default).")
  static let workers = IntegerOptionHandle.optional(
    "workers", value: "n", in: 1...1024,
    help: "Threads for work that hashes, signs or writes, each with its own store connection "
      + "(default twice the cores, at least 2).")
  static let requestTimeout = IntegerOptionHandle.optional(
    "request-timeout", value: "seconds", in: 1...3600,
    help: "Seconds a client may take to send a request or take a reply before it is closed (default 30).")
  static let tlsCertificate = OptionHandle.optional(
    "tls-cert", value: "file",
    help: "Serve https with this PEM certificate chain (the server's certificate first); "
      + "needs --tls-key and an https issuer.")
  static let tlsKey = OptionHandle.optional(
    "tls-key", value: "file",
    help: "The PEM private key of --tls-cert; other users must not be able to read it.")
  static let jsonLog = OptionHandle.flag("json-log", help: "Write the access log as JSON Lines.")
  static let sessionIdle = IntegerOptionHandle.optional(
    "session-idle", value: "minutes", in: 1...SessionPolicy.longestMinutes,
    help: "Single sign-on: a session not used for this long is not used again (default 30, as ID-porten).")
  static let sessionMax = IntegerOptionHandle.optional(
    "session-max", value: "minutes", in: 1...SessionPolicy.longestMinutes,
    help: "Single sign-on: a session's longest life (default 120, at most 1440).")
  static let autoApproveApp = OptionHandle.flag(
    "auto-approve-app",
    help: "Test stores only: approve every login that waits for the MinID app at its first poll, for CI "
      + "(refused in a production store, exit 78).")

  static var command: CommandSpec {
    CommandSpec(
      "serve",
      abstract: "Serve the store's OpenID Provider over HTTP: the code flow, login pages, single sign-on.",
      discussion: """
        An OpenID Provider shaped like ID-porten's, under the path of the store's issuer: discovery \
        (/.well-known/openid-configuration) and /jwks.json (the keys of 'minid keys jwks'); /authorize (the \
        code flow with PKCE, with the login pages a person sees: MinID with password and SMS code, the MinID \
        app or a code generator, and TestID in a test store), /par, /token, /userinfo, /token/introspect, \
        /token/revoke and /logout; and /health ({"status":"ok"}). Clients are registered with 'minid \
        service add --redirect-uri'. In a test store, login_hint=testid:<pid>_<acr> logs a synthetic \
        person in with no page, for CI. The issuer is the URL clients use: point a client's issuer setting \
        at it. For a local test, \
        create the store with 'minid init --environment test --issuer http://localhost:8080'; elsewhere put \
        a TLS-terminating reverse proxy (nginx) at the issuer's host in front of --listen (docs/serve.md), \
        or give --tls-cert and --tls-key to serve https itself (an https issuer only). Listens on loopback unless --listen says \
        otherwise; prints one line to standard error when listening, then one access-log line per request \
        (time, method, path without its query, status, milliseconds, client). Stop it with Ctrl-C or \
        SIGTERM: it stops accepting, answers the requests in flight, and exits 0 (a second signal stops at \
        once). Several 'minid serve' processes may share one store; state lives in the store, single sign-on \
        sessions included: a login starts one in the browser (--session-idle, --session-max), and /logout \
        ends it and tells the service's clients (docs/serve.md).
        """,
      options: [
        listen.spec, publicURL.spec, workers.spec, requestTimeout.spec, tlsCertificate.spec, tlsKey.spec,
        jsonLog.spec, sessionIdle.spec, sessionMax.spec, autoApproveApp.spec,
      ],
      examples: [
        Example(
          description: "A local provider for a client on this machine",
          command:
            "minid init --environment test --issuer http://localhost:8080 && minid serve --listen 127.0.0.1:8080"
        ),
        Example(
          description: "Check it", command: "curl -s http://localhost:8080/.well-known/openid-configuration"),
        Example(
          description: "Serving https itself, for a store whose issuer is https://login.example.no:8443",
          command:
            "minid serve --listen 0.0.0.0:8443 --tls-cert /etc/minid/tls/chain.pem --tls-key /etc/minid/tls/key.pem"
        ),
        Example(
          description: "Behind a reverse proxy at the issuer's host",
          command: "minid serve --listen 127.0.0.1:8080 --public-url https://login.example.no --json-log"),
      ],
      usesStore: true, action: run)
  }

  static func run(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    var configuration = HTTPServer.Configuration()
    if let text = invocation[Self.listen] {
      guard let address = ListenAddress(parsing: text) else {
        throw UsageError.invalidValue(
          text, for: Self.listen.spec, "expected host:port, such as 127.0.0.1:8080 or [::1]:8080")
      }
      configuration.listen = address
    }
    if let workers = try invocation.integer(Self.workers) {
      configuration.workers = workers
      configuration.maxPendingWork = 8 * workers
    }
    configuration.timeoutSeconds = try invocation.integer(Self.requestTimeout) ?? 30
    configuration.stopOnSignals = true
    configuration.sessionPolicy = try SessionPolicy(
      idleMinutes: try invocation.integer(Self.sessionIdle) ?? 30,
      maximumMinutes: try invocation.integer(Self.sessionMax) ?? 120)

    let location = try context.storeLocation()
    let settings = try StoreBackend.open(location).settings
    let issuer = settings.issuer
    if let given = invocation[Self.publicURL] {
      guard (try? StoreSettings.normalizedIssuer(given)) == issuer else {
        throw ServeError.publicURLMismatch(given: given, issuer: issuer)
      }
    }
    configuration.basePath = basePath(of: issuer)
    switch (invocation[Self.tlsCertificate], invocation[Self.tlsKey]) {
    case (nil, nil): break
    case (let certificate?, let key?):
      guard issuer.lowercased().hasPrefix("https://") else {
        throw ServeError.tlsIssuerScheme(issuer: issuer)
      }
      configuration.tls = try TLSContext(certificateFile: certificate, keyFile: key)
    default:
      throw UsageError("The options '--tls-cert' and '--tls-key' go together: give both, or neither.")
    }

    let autoApprove = invocation[Self.autoApproveApp]
    if autoApprove, settings.environment != .test { throw SecondFactorError.autoApproveInProduction }

    var router = Router()
    ProviderRoutes.register(in: &router)
    OpenIDRoutes.register(in: &router)
    LogoutRoutes.register(in: &router)
    SecondFactorRoutes.register(in: &router, autoApprove: autoApprove)
    if settings.environment == .test, let directory = context.environment[TestGateRoute.variable] {
      TestGateRoute.register(in: &router, directory: directory, timeoutSeconds: configuration.timeoutSeconds)
    }

    // A client that goes away mid-reply must end that connection, not the process.
    signal(SIGPIPE, SIG_IGN)
    // A parent may start minid with SIGTERM and SIGINT blocked (Foundation's Process does), and a blocked
    // signal never reaches the loop: unblocked here, before the lanes' threads inherit the mask.
    var stopSignals = sigset_t()
    sigemptyset(&stopSignals)
    sigaddset(&stopSignals, SIGTERM)
    sigaddset(&stopSignals, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
    let console = context.console
    let server = HTTPServer(
      configuration: configuration, router: router, publicURL: issuer, time: context.time,
      openStore: { try StoreBackend.open(location) },
      accessLog: AccessLog(json: invocation[Self.jsonLog]),
      emit: { line in
        console.err(line)
        console.standardError.flush()
      })
    let port = try server.start()
    let shown = ListenAddress(host: configuration.listen.host, port: UInt16(port)).text
    let scheme = configuration.tls == nil ? "http" : "https"
    console.err("minid serve: listening on \(scheme)://\(shown) (issuer \(issuer))\n")
    console.standardError.flush()
    switch server.run() {
    case .drained:
      console.err("minid serve: stopped\n")
      return .success
    case .cutShort(let unanswered):
      console.err("minid serve: stopped with \(unanswered) requests unanswered\n")
      return .interrupted
    }
  }

  /// The issuer's path (`/idporten` for `https://host/idporten`), `""` for none: routes live under it, so
  /// a proxy may pass requests through unchanged.
  static func basePath(of issuer: String) -> String {
    guard let scheme = issuer.range(of: "://"),
      let slash = issuer[scheme.upperBound...].firstIndex(of: "/")
    else { return "" }
    return String(issuer[slash...])
  }
}
