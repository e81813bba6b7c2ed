import MinIDKit

/// What a handler gets besides the request: the state of the one worker thread it runs on.
///
/// Each worker thread has its own store connection (`StoreBackend.open`, opened on the thread's first
/// `store()` call and kept for the thread's life): a SQLite connection or a libpq connection is used by one
/// thread at a time, and the store's transactions (`write`, `read`) already serialise writers across
/// threads and processes, as they do between separate `minid` processes. A context never leaves its thread.
final class HTTPWorkerContext {
  /// The issuer the server answers as (no trailing slash): the base of every URL in its documents.
  let publicURL: String
  /// The paths the server has routes for, under the base path.
  let servedPaths: Set<String>
  let time: any TimeSource
  let lane: HTTPLane
  /// The thread's number within its lane, from 0.
  let index: Int
  /// The limits of the single sign-on sessions logins start.
  let sessionPolicy: SessionPolicy
  /// Where logout hands its back-channel logout tokens, to be sent off the loop.
  let backChannel: BackChannelSender

  private let openStore: @Sendable () throws -> any AdministeredStore
  private var opened: (any AdministeredStore)?

  init(
    publicURL: String, servedPaths: Set<String>, time: any TimeSource, lane: HTTPLane, index: Int,
    sessionPolicy: SessionPolicy = .idPorten, backChannel: BackChannelSender = BackChannelSender(),
    openStore: @escaping @Sendable () throws -> any AdministeredStore
  ) {
    self.publicURL = publicURL
    self.servedPaths = servedPaths
    self.time = time
    self.lane = lane
    self.index = index
    self.sessionPolicy = sessionPolicy
    self.backChannel = backChannel
    self.openStore = openStore
  }

  /// This thread's store connection, opened on first use.
  /// - Throws: the backend's error when the store cannot be opened (the next call tries again).
  func store() throws -> any AdministeredStore {
    if let opened { return opened }
    let store = try openStore()
    opened = store
    return store
  }

  /// Drops the connection after an I/O error, so the next request opens a new one (a PostgreSQL server
  /// that restarted, say).
  func discardStore() { opened = nil }
}
