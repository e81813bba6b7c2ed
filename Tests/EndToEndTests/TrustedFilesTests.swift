import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built binary against a hostile neighbour: planted links and files, loose permissions, a remote
/// PostgreSQL server without TLS, identity numbers kept out of `ps`, and no core files.
@Suite struct TrustedFilesTests {
  typealias Workspace = LifecycleTests.Workspace

  @Test func anIdentityNumberCanComeFromStandardInputOrAFile() throws {
    let work = try Workspace()
    defer { work.remove() }
    let (pid, _) = try work.testStoreWithUser()
    let direct = try work.run(["account", "show", "--pid", pid, "--json"])
    #expect(direct.status == 0, "\(direct.stderr)")
    let piped = try work.run(["account", "show", "--pid", "-", "--json"], stdin: pid + "\n")
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout == direct.stdout)
    let file = try work.file("pid.txt", pid + "\n")
    let fromFile = try work.run(["account", "show", "--pid-file", file, "--json"])
    #expect(fromFile.status == 0, "\(fromFile.stderr)")
    #expect(fromFile.stdout == direct.stdout)
    let fromStandardInput = try work.run(["account", "show", "--pid-file", "-", "--json"], stdin: pid)
    #expect(fromStandardInput.stdout == direct.stdout)
    // Optional --pid options read it the same way.
    let audit = try work.run(["audit", "list", "--pid", "-", "--json"], stdin: pid + "\n")
    #expect(audit.status == 0, "\(audit.stderr)")
  }

  @Test func standardInputFeedsOneOptionOnlyAndPidOnceOnly() throws {
    let work = try Workspace()
    defer { work.remove() }
    let (pid, _) = try work.testStoreWithUser()
    let twoReaders = try work.run(
      ["login", "start", "--pid", "-", "--client", "my-app", "--password-file", "-"], stdin: pid + "\npw\n")
    #expect(twoReaders.status == 64)
    #expect(twoReaders.stderr.contains("Only one input can come from standard input"))
    let file = try work.file("pid.txt", pid)
    let both = try work.run(["account", "show", "--pid", pid, "--pid-file", file])
    #expect(both.status == 64)
    #expect(both.stderr.contains("'--pid' and '--pid-file' cannot be used together"))
    let empty = try work.run(["account", "show", "--pid", "-"], stdin: "\n")
    #expect(empty.status == 64)
    let missing = try work.run(["account", "show", "--pid-file", work.directory.path + "/nothing"])
    #expect(missing.status == 66)
    #expect(!missing.stderr.contains(pid))
  }

  @Test(.enabled(if: Workspace.onSQLite, "a SQLite store's files"))
  func aLooseStoreIsRefusedWithExit77AndTheFix() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    #expect(chmod(work.database, 0o660) == 0)
    let before = try work.storeContents()
    let refused = try work.run(["db", "stats"])
    #expect(refused.status == 77)
    #expect(refused.stderr.contains("chmod go-w \(work.database)"))
    #expect(try work.storeContents() == before)
    #expect(chmod(work.database, 0o600) == 0)
    // A WAL file another user planted.
    let wal = work.database + "-wal"
    if access(wal, F_OK) != 0 {
      #expect(FileManager.default.createFile(atPath: wal, contents: Data()))
    }
    #expect(chown(wal, 65534, 65534) == 0)
    let planted = try work.run(["token", "verify", "x.y.z"])
    #expect(planted.status == 77)
    #expect(planted.stderr.contains(wal) && planted.stderr.contains("chown"))
  }

  @Test(.enabled(if: Workspace.onSQLite, "a SQLite store's files"))
  func anEmptyOrForeignFileIsNotAStore() throws {
    let work = try Workspace()
    defer { work.remove() }
    let empty = try work.file("empty.sqlite", "")
    chmod(empty, 0o600)
    let result = try MinIDBinary.run(["--database", empty, "db", "stats"])
    #expect(result.status == 78)
    #expect(result.stderr.contains("empty file, not a minid store"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
    let text = try work.file("notes.txt", "just some notes\n")
    chmod(text, 0o600)
    let notes = try MinIDBinary.run(["--database", text, "db", "stats"])
    #expect(notes.status == 78)
    #expect(notes.stderr.contains("not a SQLite database"))
  }

  @Test func drainRefusesAPlantedLinkAndWritesNothingThroughIt() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    _ = try work.json([
      "account", "register", "--pid", "10915596784", "--phone", "91234567", "--email", "kari@example.no",
      "--address", "Storgata 1, 0155 Oslo", "--json",
    ])
    let listed = try work.run(["outbox", "list", "--json"])
    let messages = try #require(
      try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    let id = try #require(messages.first?["id"] as? Int)
    let shared = work.directory.appendingPathComponent("print").path
    #expect(mkdir(shared, 0o777) == 0 && chmod(shared, 0o1777) == 0)
    let target = try work.file("root-owned.conf", "original\n")
    #expect(symlink(target, shared + "/\(id)-letter.txt") == 0)
    let refused = try work.run(["outbox", "drain", "--to-dir", shared])
    #expect(refused.status == 77)
    #expect(refused.stderr.contains("\(shared)/\(id)-letter.txt is a symbolic link"))
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "original\n")
    // Removed, the drain goes through, and the letter is the owner's alone.
    #expect(unlink(shared + "/\(id)-letter.txt") == 0)
    #expect(try work.run(["outbox", "drain", "--to-dir", shared]).status == 0)
    var info = stat()
    #expect(lstat(shared + "/\(id)-letter.txt", &info) == 0 && info.st_mode & 0o7777 == 0o600)
  }

  @Test(.enabled(if: Workspace.onSQLite, "db backup copies a SQLite store"))
  func backupCreatesANewPrivateFileOnly() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let existing = try work.file("existing.sqlite", "keep")
    let refused = try work.run(["db", "backup", existing])
    #expect(refused.status == 73)
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep")
    let target = try work.file("target", "keep too")
    let link = work.directory.appendingPathComponent("link.sqlite").path
    #expect(symlink(target, link) == 0)
    #expect(try work.run(["db", "backup", link]).status == 77)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep too")
    let copy = work.directory.appendingPathComponent("copy.sqlite").path
    let made = try work.run(["db", "backup", copy])
    #expect(made.status == 0, "\(made.stderr)")
    var info = stat()
    #expect(stat(copy, &info) == 0 && info.st_mode & 0o7777 == 0o600 && info.st_size > 0)
    #expect(try MinIDBinary.run(["--database", copy, "db", "check"]).status == 0)
  }

  @Test func discoveryRefusesALinkedWellKnownDirectory() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let site = work.directory.appendingPathComponent("site").path
    let elsewhere = work.directory.appendingPathComponent("elsewhere").path
    #expect(mkdir(site, 0o755) == 0 && mkdir(elsewhere, 0o700) == 0)
    #expect(symlink(elsewhere, site + "/.well-known") == 0)
    let refused = try work.run(["discovery", "--write-dir", site])
    #expect(refused.status == 77)
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
  }

  @Test func discoveryRefusesAWriteDirThroughAPlantedLinkOrOneOthersCanWrite() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let shared = work.directory.appendingPathComponent("shared").path
    let elsewhere = work.directory.appendingPathComponent("elsewhere").path
    #expect(mkdir(shared, 0o1777) == 0 && chmod(shared, 0o1777) == 0 && mkdir(elsewhere, 0o700) == 0)
    // Another user's link in a shared folder, and a folder of minid's user that anyone may write.
    #expect(symlink(elsewhere, shared + "/site") == 0 && lchown(shared + "/site", 65534, 65534) == 0)
    #expect(mkdir(shared + "/open", 0o700) == 0 && chmod(shared + "/open", 0o777) == 0)
    let linked = try work.run(["discovery", "--write-dir", shared + "/site"])
    #expect(linked.status == 77 && linked.stderr.contains("is a symbolic link"), "\(linked.stderr)")
    let open = try work.run(["discovery", "--write-dir", shared + "/open"])
    #expect(open.status == 77 && open.stderr.contains("chmod go-w"), "\(open.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: shared + "/open").isEmpty)
  }

  @Test func aRemoteServerWithoutVerifiedTLSIsRefused() throws {
    let result = try MinIDBinary.run([
      "--database", "postgresql://minid:hemmelig@db.example.no/minid?sslmode=disable", "db", "stats",
    ])
    #expect(result.status == 78)
    #expect(result.stderr.contains("sslmode=verify-full"))
    #expect(!result.stderr.contains("hemmelig"))
    let malformed = try MinIDBinary.run([
      "--database", "postgresql://minid:hemmelig@[::1/minid", "db", "stats",
    ])
    #expect(malformed.status == 78)
    #expect(!malformed.stderr.contains("hemmelig"))
  }

  /// A running minid (waiting for a token on standard input) may not leave a core file.
  @Test func aRunningMinidHasNoCoreLimit() throws {
    let process = Process()
    process.executableURL = MinIDBinary.url
    process.arguments = ["token", "verify"]
    process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent-home"]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    // Start it with core files allowed (root may raise the limit), so only minid itself can turn them off.
    var saved = rlimit()
    getrlimit(Int32(RLIMIT_CORE.rawValue), &saved)
    var allowed = rlimit(rlim_cur: 1 << 20, rlim_max: max(saved.rlim_max, 1 << 20))
    setrlimit(Int32(RLIMIT_CORE.rawValue), &allowed)
    defer { setrlimit(Int32(RLIMIT_CORE.rawValue), &saved) }
    try process.run()
    defer {
      try? input.fileHandleForWriting.close()
      process.waitUntilExit()
    }
    var line = ""
    for _ in 0..<100 {
      let limits =
        (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8)) ?? ""
      line = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
      if line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == ["0", "0"] {
        break
      }
      usleep(50_000)
    }
    #expect(
      line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == ["0", "0"],
      "\(line)")
  }
}
