/// Adds, lists and removes the services people log in to.
public struct ServiceCatalog {
  public let store: any Store
  public let time: any TimeSource
  public let actor: AuditActor

  public init(store: any Store, time: any TimeSource, actor: AuditActor) {
    self.store = store
    self.time = time
    self.actor = actor
  }

  /// Registers a service.
  ///
  /// - Throws: `ServiceError.invalidClientID`, `TextFieldError` when the name breaks
  ///   `TextField.serviceName`, `ServiceError.exists`.
  public func add(clientID: String, name: String, level: SecurityLevel) throws -> Service {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/")
    guard (1...100).contains(clientID.count), clientID.allSatisfy({ allowed.contains($0) }) else {
      throw ServiceError.invalidClientID
    }
    let name = try TextField.serviceName.check(name)
    return try store.write { transaction in
      guard try transaction.service(clientID: clientID) == nil else { throw ServiceError.exists(clientID) }
      let service = Service(clientID: clientID, name: name, level: level, createdAt: time.timestamp)
      try transaction.insertService(service)
      try transaction.audit(
        AuditDraft(actor: actor, action: "service.add", detail: "\(clientID) \(level.rawValue)"),
        at: time.timestamp)
      return service
    }
  }

  public func services() throws -> [Service] { try store.read { try $0.services() } }

  public func service(clientID: String) throws -> Service {
    guard let service = try store.read({ try $0.service(clientID: clientID) }) else {
      throw ServiceError.notFound(clientID)
    }
    return service
  }

  public func remove(clientID: String) throws {
    try store.write { transaction in
      guard try transaction.deleteService(clientID: clientID) else { throw ServiceError.notFound(clientID) }
      try transaction.audit(
        AuditDraft(actor: actor, action: "service.remove", detail: clientID), at: time.timestamp)
    }
  }
}
