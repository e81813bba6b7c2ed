import Foundation
import Testing

@testable import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// The store's files and folders are trusted only when no other local user could have planted, swapped or
/// written them (StrictModes). Tests run as root in CI, so "another user" is uid 65534 (nobody), which
/// root may chown files to.
@Suite(.enabled(if: TestBackend.isSQLite, "rules of the SQLite store's files")) struct StorePathPolicyTests {
  static let otherUser: uid_t = 65534

  /// A closed store in a directory of its own: `<root>/store/minid.sqlite`.
  struct ClosedStore {
    let root: String
    let directory: String
    let path: String

    init() throws {
      root =
        FileManager.default.temporaryDirectory.appendingPathComponent("minid-paths-\(UUID().uuidString)")
        .path
      try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
      directory = root + "/store"
      path = directory + "/minid.sqlite"
      try Self.makeStore(at: path)
    }

    static func makeStore(at path: String) throws {
      _ = try SQLiteStore.create(
        path: path,
        settings: StoreSettings(
          environment: .test, issuer: "https://minid.test", scrypt: ScryptParameters(ln: 10, r: 8, p: 1)!,
          createdAt: Timestamp(seconds: 1_700_000_000)),
        secrets: .generate(random: SeededRandomSource(seed: 1)), actor: "admin:test")
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Every file under the root with its owner, mode and bytes: a refusal must leave it as it was.
    func snapshot() throws -> [String: String] {
      var result: [String: String] = [:]
      let enumerator = FileManager.default.enumerator(atPath: root)!
      while let name = enumerator.nextObject() as? String {
        let full = root + "/" + name
        var info = stat()
        #expect(lstat(full, &info) == 0)
        let bytes = FileManager.default.contents(atPath: full).map { Array($0) } ?? []
        result[name] =
          "uid=\(info.st_uid) mode=\(String(info.st_mode, radix: 8)) bytes=\(bytes.hashValue)"
          + " size=\(bytes.count)"
      }
      return result
    }
  }

  static func resolved(_ path: String) -> String {
    let pointer = realpath(path, nil)!
    defer { free(pointer) }
    return String(cString: pointer)
  }

  @Test func aStoreInAPrivateDirectoryOpens() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    _ = try SQLiteStore.open(path: store.path)
  }

  @Test func aWALFilePlantedByAnotherUserIsRefusedAndLeftAlone() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let wal = store.path + "-wal"
    #expect(FileManager.default.createFile(atPath: wal, contents: Data(repeating: 7, count: 64)))
    #expect(chown(wal, Self.otherUser, Self.otherUser) == 0)
    let before = try store.snapshot()
    #expect(throws: StorePathError.notOwned(path: wal, owner: Self.otherUser, user: geteuid())) {
      try SQLiteStore.open(path: store.path)
    }
    #expect(try store.snapshot() == before)
    let message = StorePathError.notOwned(path: wal, owner: Self.otherUser, user: geteuid()).message
    #expect(message.contains(wal) && message.contains("chown"))
  }

  @Test func aStoreFileOfAnotherUserIsRefused() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    #expect(chown(store.path, Self.otherUser, Self.otherUser) == 0)
    let before = try store.snapshot()
    #expect(throws: StorePathError.notOwned(path: store.path, owner: Self.otherUser, user: geteuid())) {
      try SQLiteStore.open(path: store.path)
    }
    #expect(try store.snapshot() == before)
  }

  @Test func aGroupWritableStoreFileIsRefused() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    #expect(chmod(store.path, 0o620) == 0)
    let before = try store.snapshot()
    let expected = StorePathError.writableByOthers(path: store.path, isDirectory: false)
    #expect(throws: expected) { try SQLiteStore.open(path: store.path) }
    #expect(try store.snapshot() == before)
    #expect(expected.message.contains("chmod go-w \(store.path)"))
    #expect(ErrorCategory.permission == expected.category)
  }

  @Test func aGroupWritableStoreDirectoryIsRefused() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    #expect(chmod(store.directory, 0o770) == 0)
    let before = try store.snapshot()
    #expect(throws: StorePathError.writableByOthers(path: Self.resolved(store.directory), isDirectory: true))
    {
      try SQLiteStore.open(path: store.path)
    }
    #expect(try store.snapshot() == before)
  }

  @Test func aStoreDirectoryOfAnotherUserIsRefused() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    #expect(chown(store.directory, Self.otherUser, Self.otherUser) == 0)
    #expect(
      throws: StorePathError.notOwned(
        path: Self.resolved(store.directory), owner: Self.otherUser, user: geteuid())
    ) { try SQLiteStore.open(path: store.path) }
  }

  @Test func aDirectoryAboveThatOthersCanWriteIsRefused() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    // World-writable and not sticky: anyone could rename the store's directory away and put theirs there.
    #expect(chmod(store.root, 0o777) == 0)
    let root = Self.resolved(store.root)
    #expect(
      throws: StorePathError.unsafeDirectory(
        path: root, reason: "others can write it, and it is not sticky", fix: "chmod go-w \(root)")
    ) { try SQLiteStore.open(path: store.path) }
    // Sticky, as /tmp is, with our own directory in it: nobody else can rename that directory.
    #expect(chmod(store.root, 0o1777) == 0)
    _ = try SQLiteStore.open(path: store.path)
    // Sticky, but the directory in it belongs to someone else, who may swap what is inside.
    #expect(chown(store.directory, Self.otherUser, Self.otherUser) == 0)
    #expect(throws: StorePathError.self) { try SQLiteStore.open(path: store.path) }
  }

  @Test func aSymlinkedStorePathIsRefused() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let link = store.directory + "/link.sqlite"
    #expect(symlink(store.path, link) == 0)
    let before = try store.snapshot()
    #expect(throws: StorePathError.symbolicLink(path: link)) { try SQLiteStore.open(path: link) }
    #expect(try store.snapshot() == before)
  }

  /// A link above the store is resolved once, checked, and SQLite opens the directory that was checked,
  /// so repointing the link afterwards cannot hand it another store.
  @Test func aLinkedDirectoryIsCheckedWhereItLeadsAndOpenedThere() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let link = store.root + "/current"
    #expect(symlink(store.directory, link) == 0)
    let opened = try SQLiteStore.open(path: link + "/minid.sqlite")
    #expect(opened.connection.path == Self.resolved(store.directory) + "/minid.sqlite")
    #expect(chmod(store.directory, 0o775) == 0)
    #expect(throws: StorePathError.writableByOthers(path: Self.resolved(store.directory), isDirectory: true))
    {
      try SQLiteStore.open(path: link + "/minid.sqlite")
    }
  }

  @Test func anotherUsersLinkOnTheWayIsRefusedWhereverItLeads() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let shared = store.root + "/shared"
    #expect(mkdir(shared, 0o1777) == 0 && chmod(shared, 0o1777) == 0)
    // Another user's link in a shared folder, to the user's own store directory (say, production's).
    let link = shared + "/ci"
    #expect(symlink(store.directory, link) == 0 && lchown(link, Self.otherUser, Self.otherUser) == 0)
    let before = try store.snapshot()
    for path in [link + "/minid.sqlite", link + "/./minid.sqlite"] {
      let error = #expect(throws: StorePathError.self) { try SQLiteStore.open(path: path) }
      guard case .unsafeDirectory(let refused, _, _) = error else {
        Issue.record("expected the link to be refused, got \(String(describing: error))")
        continue
      }
      #expect(refused == link)
    }
    for path in [link + "/new.sqlite", link + "/sub/new.sqlite"] {
      #expect(throws: StorePathError.self) { try ClosedStore.makeStore(at: path) }
    }
    #expect(try store.snapshot() == before)
    // The user's own link is theirs to make.
    #expect(lchown(link, geteuid(), getegid()) == 0)
    _ = try SQLiteStore.open(path: link + "/minid.sqlite")
  }

  @Test func anEmptyFileIsRefusedAsItIs() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let empty = store.directory + "/empty.sqlite"
    #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
    chmod(empty, 0o600)
    let before = try store.snapshot()
    #expect(throws: StoreError.emptyFile(path: empty)) { try SQLiteStore.open(path: empty) }
    #expect(try store.snapshot() == before)
    #expect(StoreError.emptyFile(path: empty).message.contains("empty file, not a minid store"))
  }

  @Test func anotherProgramsSQLiteDatabaseIsRefusedUnwritten() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let foreign = store.directory + "/notes.sqlite"
    do {
      let connection = try SQLiteConnection(path: foreign, create: true, configure: false)
      try connection.execute(
        "CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('hello'); PRAGMA user_version = 3")
    }
    chmod(foreign, 0o600)
    let before = try store.snapshot()
    #expect(throws: StoreError.foreignDatabase(path: foreign)) { try SQLiteStore.open(path: foreign) }
    #expect(try store.snapshot() == before)
    #expect(StoreError.foreignDatabase(path: foreign).message.contains("another program"))
    #expect(StoreError.foreignDatabase(path: foreign).category == .configuration)
  }

  @Test func initRefusesAWALFilePlantedByAnotherUserAndCreatesNothing() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let path = store.directory + "/second.sqlite"
    #expect(FileManager.default.createFile(atPath: path + "-wal", contents: Data(repeating: 1, count: 32)))
    #expect(chown(path + "-wal", Self.otherUser, Self.otherUser) == 0)
    let before = try store.snapshot()
    #expect(throws: StorePathError.notOwned(path: path + "-wal", owner: Self.otherUser, user: geteuid())) {
      try ClosedStore.makeStore(at: path)
    }
    #expect(try store.snapshot() == before)
  }

  @Test func initRefusesAGroupWritableDirectoryAndCreatesNothing() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let shared = store.root + "/shared"
    #expect(mkdir(shared, 0o700) == 0 && chmod(shared, 0o775) == 0)
    let before = try store.snapshot()
    #expect(throws: StorePathError.writableByOthers(path: Self.resolved(shared), isDirectory: true)) {
      try ClosedStore.makeStore(at: shared + "/minid.sqlite")
    }
    #expect(try store.snapshot() == before)
  }

  @Test func initDoesNotWriteThroughALinkAtTheStorePath() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    let target = store.root + "/target"
    let link = store.directory + "/linked.sqlite"
    #expect(symlink(target, link) == 0)
    #expect(throws: StoreError.alreadyInitialized(path: link)) { try ClosedStore.makeStore(at: link) }
    #expect(access(target, F_OK) != 0)
  }

  @Test func initMakesTheDirectory0700AndTheFile0600() throws {
    let store = try ClosedStore()
    defer { store.remove() }
    var directory = stat()
    var file = stat()
    #expect(stat(store.directory, &directory) == 0 && stat(store.path, &file) == 0)
    #expect(directory.st_mode & 0o777 == 0o700)
    #expect(file.st_mode & 0o777 == 0o600)
    #expect(file.st_uid == geteuid())
  }
}
