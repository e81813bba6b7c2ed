/// Which audit entries to list, and in which order: what `audit list` asks the trail.
///
/// Every filter given must hold (they are joined with AND). The trail is read in sequence order;
/// `selection` picks from its start or its end, and `newestFirst` only decides the order they are
/// returned in.
public struct AuditQuery: Sendable, Equatable {
  /// How many entries, and from which end of the (filtered) trail.
  public enum Selection: Sendable, Equatable {
    /// Every matching entry.
    case all
    /// At most this many, in the order they are returned: the oldest, or with `newestFirst` the newest.
    case first(Int)
    /// The newest this many, whatever the order they are returned in.
    case last(Int)
  }

  /// An identity number as typed (11 digits, spaces allowed): entries about the account that has it
  /// (open or closed) and entries about the number itself when no account had it (a failed login with an
  /// unknown number), through its keyed pseudonym. A purged account has no number left and is not found
  /// by it; find its entries by `caseReference` instead.
  public var pid: String?
  /// Only entries at or after this time.
  public var since: Timestamp?
  /// Only entries with this action, exactly (`login.start`, `account.block`, …).
  public var action: String?
  /// Only entries recorded with this case reference, exactly.
  public var caseReference: String?
  /// How many entries, from which end.
  public var selection: Selection
  /// Newest first rather than oldest first.
  public var newestFirst: Bool

  /// A query; with no arguments, every entry, oldest first.
  public init(
    pid: String? = nil, since: Timestamp? = nil, action: String? = nil, caseReference: String? = nil,
    selection: Selection = .all, newestFirst: Bool = false
  ) {
    self.pid = pid
    self.since = since
    self.action = action
    self.caseReference = caseReference
    self.selection = selection
    self.newestFirst = newestFirst
  }
}

/// What the store is asked for: `AuditQuery` with the number's pseudonym computed and the selection
/// turned into a direction and a limit.
public struct AuditFilter: Sendable {
  /// The identity number's 11 digits and the keyed pseudonym of the number.
  public var person: (pid: String, pseudonym: String)?
  /// Only entries at or after this time.
  public var since: Timestamp?
  /// Only entries with this action, exactly.
  public var action: String?
  /// Only entries with this case reference, exactly.
  public var caseReference: String?
  /// Read from the newest entry backwards.
  public var descending: Bool
  /// At most this many entries.
  public var limit: Int?

  /// A filter; with no arguments, every entry, oldest first.
  public init(
    person: (pid: String, pseudonym: String)? = nil, since: Timestamp? = nil, action: String? = nil,
    caseReference: String? = nil, descending: Bool = false, limit: Int? = nil
  ) {
    self.person = person
    self.since = since
    self.action = action
    self.caseReference = caseReference
    self.descending = descending
    self.limit = limit
  }
}
