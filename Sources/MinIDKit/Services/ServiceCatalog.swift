/// Adds, lists and removes the services people log in to.
public struct ServiceCatalog: Sendable {
  /// The store the services are kept in.
  public let store: any Store
  /// The clock for audit entries.
  public let time: any TimeSource
  /// Who acts, for the audit trail.
  public let actor: AuditActor
  /// Where client secrets come from.
  public let random: any RandomSource

  /// A catalog over `store`.
  public init(
    store: any Store, time: any TimeSource, actor: AuditActor, random: any RandomSource = SystemRandomSource()
  ) {
    self.store = store
    self.time = time
    self.actor = actor
    self.random = random
  }

  /// Registers a service, and with `client` also as an OpenID Connect client of `minid serve`, in one
  /// transaction (`register` says what the client options do).
  ///
  /// - Returns: the service, its client registration and the client secret (shown this once).
  /// - Throws: `ServiceError.invalidClientID`, `TextFieldError` when the name breaks
  ///   `TextField.serviceName`, `ServiceError.exists`, `ClientRegistrationError`.
  public func add(clientID: String, name: String, level: SecurityLevel, client options: ClientOptions?) throws
    -> (service: Service, client: ClientRegistration?, secret: String?)
  {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/")
    guard (1...100).contains(clientID.count), clientID.allSatisfy({ allowed.contains($0) }) else {
      throw ServiceError.invalidClientID
    }
    let name = try TextField.serviceName.check(name)
    let prepared = try options.map { try prepare(clientID: clientID, $0) }
    return try store.write { transaction in
      guard try transaction.service(clientID: clientID) == nil else { throw ServiceError.exists(clientID) }
      let service = Service(clientID: clientID, name: name, level: level, createdAt: time.timestamp)
      try transaction.insertService(service)
      try transaction.audit(
        AuditDraft(actor: actor, action: .serviceAdd, detail: "\(clientID) \(level.rawValue)"),
        at: time.timestamp)
      if let prepared { try save(prepared.client, newSecret: prepared.secret != nil, transaction) }
      return (service, prepared?.client, prepared?.secret)
    }
  }

  /// Registers a service without client options (a service the command line logs in to).
  /// - Throws: as `add(clientID:name:level:client:)`.
  public func add(clientID: String, name: String, level: SecurityLevel) throws -> Service {
    try add(clientID: clientID, name: name, level: level, client: nil).service
  }

  /// What `register` is given for a client that logs people in through `minid serve`.
  public struct ClientOptions: Sendable {
    /// Where codes may be sent: compared exactly (https://, or http://localhost in a test store).
    public var redirectURIs: [String]
    /// Where logout may return to.
    public var postLogoutRedirectURIs: [String] = []
    /// How the client authenticates at the token endpoint.
    public var authMethod: ClientAuthenticationMethod = .clientSecretBasic
    /// Whether PKCE S256 is required (ID-porten allows an opt-out per client).
    public var pkceRequired = true
    /// API scopes the client may ask for, beyond `openid` and `profile`.
    public var scopes: [String] = []
    /// Seconds; nil for ID-porten's defaults (120, 600, 7200).
    public var accessTokenLifetime: Int64?
    /// The client's public keys as a JWK Set document: required with `private_key_jwt`, refused otherwise.
    public var jwks: String?
    /// Loaded in a hidden frame at logout, with `iss` and `sid`.
    public var frontchannelLogoutURI: String?
    /// Sent a logout token at logout; its host must be one of the redirect URIs' (ID-porten's rule).
    public var backchannelLogoutURI: String?
    /// The organisation the client acts for, giving its access tokens ID-porten's `consumer` claim.
    public var organizationNumber: OrganizationNumber?

    /// Options with these redirect URIs and every other option at its default.
    public init(redirectURIs: [String]) { self.redirectURIs = redirectURIs }
  }

  /// Registers a service as an OpenID Connect client, or re-registers its client options (the secret is
  /// kept unless the method changes to one without a secret): redirect URIs checked
  /// (`ClientRegistration.checkRedirectURI`), a new 256-bit client secret for the secret methods, the public
  /// keys of a `private_key_jwt` client checked (`ClientJWKS.check`).
  ///
  /// - Returns: the registration and, when one was made, the client secret, shown this once: only its hash
  ///   is stored.
  /// - Throws: `ServiceError`, `ClientRegistrationError`.
  public func register(clientID: String, options: ClientOptions) throws -> (
    client: ClientRegistration, secret: String?
  ) {
    let prepared = try prepare(clientID: clientID, options)
    return try store.write { transaction in
      guard try transaction.service(clientID: clientID) != nil else { throw ServiceError.notFound(clientID) }
      try save(prepared.client, newSecret: prepared.secret != nil, transaction)
      return prepared
    }
  }

  /// Checks client options and makes the registration, with a new secret for the secret methods.
  private func prepare(clientID: String, _ options: ClientOptions) throws -> (
    client: ClientRegistration, secret: String?
  ) {
    guard !options.redirectURIs.isEmpty else { throw ClientRegistrationError.noRedirectURI }
    for uri in options.redirectURIs + options.postLogoutRedirectURIs {
      try ClientRegistration.checkRedirectURI(uri, environment: store.settings.environment)
    }
    try ClientRegistration.checkLogoutURIs(
      frontchannel: options.frontchannelLogoutURI, backchannel: options.backchannelLogoutURI,
      redirectURIs: options.redirectURIs, environment: store.settings.environment)
    if let lifetime = options.accessTokenLifetime {
      let most: Int64 = store.settings.environment == .test ? 86_400 : 3600
      guard (60...most).contains(lifetime) else {
        throw ClientRegistrationError.lifetime("access tokens live 60 to \(most) seconds in this store")
      }
    }
    let scopeCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/")
    for scope in options.scopes
    where scope.isEmpty || scope.count > 100 || !scope.allSatisfy(scopeCharacters.contains) {
      throw ClientRegistrationError.scope("1 to 100 characters of letters, digits and -_.:/ each")
    }
    var keys: JSONWebKeySet?
    switch (options.authMethod, options.jwks) {
    case (.privateKeyJWT, nil): throw ClientRegistrationError.jwksRequired
    case (.privateKeyJWT, let text?): keys = try ClientJWKS.check(text)
    case (_, nil): keys = nil
    case (let method, _?):
      throw ClientRegistrationError.jwks(
        "only a private_key_jwt client registers keys; this one authenticates with \(method.rawValue)")
    }
    let secret = options.authMethod.usesSecret ? Base64.encode(random.bytes(32), urlSafe: true) : nil
    let client = ClientRegistration(
      clientID: clientID, redirectURIs: options.redirectURIs,
      postLogoutRedirectURIs: options.postLogoutRedirectURIs, authMethod: options.authMethod,
      secretHash: secret.map { ClientAuthenticator.secretHash($0, key: store.secrets.codeKey) },
      jwks: keys?.json,
      pkceRequired: options.pkceRequired || options.authMethod == .none,
      scopes: Array(Set(options.scopes + ClientRegistration.baseScopes)).sorted(),
      accessTokenLifetime: options.accessTokenLifetime ?? ClientRegistration.defaultAccessTokenLifetime,
      frontchannelLogoutURI: options.frontchannelLogoutURI, backchannelLogoutURI: options.backchannelLogoutURI
    )
    var registered = client
    registered.organizationNumber = options.organizationNumber
    return (registered, secret)
  }

  private func save(_ client: ClientRegistration, newSecret: Bool, _ transaction: any StoreTransaction) throws
  {
    try transaction.saveClient(client)
    try transaction.audit(
      AuditDraft(
        actor: actor, action: .serviceRegister,
        detail:
          "\(client.clientID) \(client.authMethod.rawValue); \(client.redirectURIs.count) redirect URIs; "
          + "pkce \(client.pkceRequired ? "required" : "optional")" + (newSecret ? "; new secret" : "")),
      at: time.timestamp)
  }

  /// Changes to a client's logout registration; nil keeps what is registered, an empty text removes a URI.
  public struct LogoutChanges: Sendable {
    /// The new post-logout redirect URIs, replacing the list; nil keeps it.
    public var postLogoutRedirectURIs: [String]?
    /// The new front-channel logout URI; empty removes it, nil keeps it.
    public var frontchannelLogoutURI: String?
    /// The new back-channel logout URI; empty removes it, nil keeps it.
    public var backchannelLogoutURI: String?

    /// No changes; set the members that change.
    public init() {}
  }

  /// Changes a registered client's logout URIs (`service update`), keeping everything else, its secret
  /// included; the URIs are checked as at registration (`ClientRegistration.checkRedirectURI`,
  /// `checkLogoutURIs`). Audited as `service.register`.
  /// - Returns: the registration as it is now.
  /// - Throws: `ServiceError.notFound`; `ClientRegistrationError.noRedirectURI` for a service that is not
  ///   a client of `minid serve`; `ClientRegistrationError` for a URI that breaks a rule.
  public func updateLogout(clientID: String, _ changes: LogoutChanges) throws -> ClientRegistration {
    try store.write { transaction in
      guard try transaction.service(clientID: clientID) != nil else { throw ServiceError.notFound(clientID) }
      guard var client = try transaction.client(clientID: clientID) else {
        throw ClientRegistrationError.noRedirectURI
      }
      if let uris = changes.postLogoutRedirectURIs {
        for uri in uris {
          try ClientRegistration.checkRedirectURI(uri, environment: store.settings.environment)
        }
        client.postLogoutRedirectURIs = uris
      }
      if let uri = changes.frontchannelLogoutURI { client.frontchannelLogoutURI = uri.isEmpty ? nil : uri }
      if let uri = changes.backchannelLogoutURI { client.backchannelLogoutURI = uri.isEmpty ? nil : uri }
      try ClientRegistration.checkLogoutURIs(
        frontchannel: client.frontchannelLogoutURI, backchannel: client.backchannelLogoutURI,
        redirectURIs: client.redirectURIs, environment: store.settings.environment)
      try save(client, newSecret: false, transaction)
      return client
    }
  }

  /// Gives a client that authenticates with a secret (`client_secret_basic`, `client_secret_post`) a new
  /// 256-bit one (`service rotate-secret`): the old secret stops working at once, and only the new one's
  /// hash is stored. Tokens already issued stay valid until they expire, as a rotation is not a breach
  /// response; revoke them (`/token/revoke`) or end the person's sessions for that. Audited.
  /// - Returns: the new secret, shown this once.
  /// - Throws: `ServiceError.notFound`; `ClientRegistrationError.noRedirectURI` for a service that is not a
  ///   client of `minid serve`; `ClientRegistrationError.noSecret` for a client without a secret.
  public func rotateSecret(clientID: String) throws -> String {
    let secret = Base64.encode(random.bytes(32), urlSafe: true)
    return try store.write { transaction in
      guard try transaction.service(clientID: clientID) != nil else { throw ServiceError.notFound(clientID) }
      guard var client = try transaction.client(clientID: clientID) else {
        throw ClientRegistrationError.noRedirectURI
      }
      guard client.authMethod.usesSecret else { throw ClientRegistrationError.noSecret(client.authMethod) }
      client.secretHash = ClientAuthenticator.secretHash(secret, key: store.secrets.codeKey)
      try transaction.saveClient(client)
      try transaction.audit(
        AuditDraft(
          actor: actor, action: .serviceRotateSecret, detail: "\(clientID) \(client.authMethod.rawValue)"),
        at: time.timestamp)
      return secret
    }
  }

  /// The client registration of a service, if it has one.
  public func client(clientID: String) throws -> ClientRegistration? {
    try store.read { try $0.client(clientID: clientID) }
  }

  /// Every service, as the store lists them.
  /// - Throws: the store's error when it cannot be read.
  public func services() throws -> [Service] { try store.read { try $0.services() } }

  /// The service with `clientID`.
  /// - Throws: `ServiceError.notFound`; the store's error when it cannot be read.
  public func service(clientID: String) throws -> Service {
    guard let service = try store.read({ try $0.service(clientID: clientID) }) else {
      throw ServiceError.notFound(clientID)
    }
    return service
  }

  /// Removes the service with `clientID`, with an audit entry.
  /// - Throws: `ServiceError.notFound`; the store's error when it cannot be written.
  public func remove(clientID: String) throws {
    try store.write { transaction in
      guard try transaction.deleteService(clientID: clientID) else { throw ServiceError.notFound(clientID) }
      try transaction.audit(
        AuditDraft(actor: actor, action: .serviceRemove, detail: clientID), at: time.timestamp)
    }
  }
}
