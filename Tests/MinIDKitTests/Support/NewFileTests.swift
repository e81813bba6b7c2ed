import Foundation
import Testing

@testable import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// Files minid writes outside the store are created new, or refused naming the path.
@Suite struct NewFileTests {
  struct Folder {
    let path: String
    init() throws {
      path =
        FileManager.default.temporaryDirectory.appendingPathComponent("minid-newfile-\(UUID().uuidString)")
        .path
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
  }

  /// A file with a code is 0600 however it is asked for: a public mode asked for is what it gets, the
  /// private default is never widened. (The umask is not changed here: it is the whole process's, and the
  /// tests running beside this one create folders that must not become writable by others.)
  @Test func aNewFileHasTheModeAskedForAndPrivateByDefault() throws {
    let folder = try Folder()
    defer { folder.remove() }
    try NewFile.write(Array("code".utf8), to: folder.path + "/a.txt")
    try NewFile.write(Array("{}".utf8), to: folder.path + "/b.json", mode: 0o644)
    var info = stat()
    #expect(stat(folder.path + "/a.txt", &info) == 0)
    #expect(info.st_mode & 0o7777 == 0o600)
    #expect(stat(folder.path + "/b.json", &info) == 0)
    #expect(info.st_mode & 0o7777 == 0o644)
  }

  @Test func aPlantedLinkIsRefusedAndItsTargetUntouched() throws {
    let folder = try Folder()
    defer { folder.remove() }
    let target = folder.path + "/root-owned.conf"
    try Data("original\n".utf8).write(to: URL(fileURLWithPath: target))
    #expect(symlink(target, folder.path + "/out.txt") == 0)
    #expect(throws: NewFileError.symbolicLink(path: folder.path + "/out.txt")) {
      try NewFile.write(Array("secret".utf8), to: folder.path + "/out.txt")
    }
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "original\n")
    // A dangling link is refused too: O_CREAT alone would create its target.
    #expect(symlink(folder.path + "/nowhere", folder.path + "/dangling.txt") == 0)
    #expect(throws: NewFileError.symbolicLink(path: folder.path + "/dangling.txt")) {
      try NewFile.write(Array("secret".utf8), to: folder.path + "/dangling.txt")
    }
    #expect(access(folder.path + "/nowhere", F_OK) != 0)
    #expect(NewFileError.symbolicLink(path: "x").category == .permission)
  }

  @Test func anExistingFileIsRefusedAndKept() throws {
    let folder = try Folder()
    defer { folder.remove() }
    let path = folder.path + "/exists.txt"
    try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: NewFileError.exists(path: path)) { try NewFile.write(Array("new".utf8), to: path) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    #expect(NewFileError.exists(path: path).message.contains(path))
  }

  @Test func writeOrConfirmAcceptsOnlyTheSameFileOfItsOwn() throws {
    let folder = try Folder()
    defer { folder.remove() }
    let path = folder.path + "/1-letter.txt"
    try NewFile.writeOrConfirm(Array("letter".utf8), to: path)
    try NewFile.writeOrConfirm(Array("letter".utf8), to: path)
    #expect(throws: NewFileError.exists(path: path)) {
      try NewFile.writeOrConfirm(Array("another".utf8), to: path)
    }
    #expect(chmod(path, 0o644) == 0)
    #expect(throws: NewFileError.exists(path: path)) {
      try NewFile.writeOrConfirm(Array("letter".utf8), to: path)
    }
    #expect(chmod(path, 0o600) == 0 && chown(path, 65534, 65534) == 0)
    #expect(throws: NewFileError.exists(path: path)) {
      try NewFile.writeOrConfirm(Array("letter".utf8), to: path)
    }
  }

  @Test func aFileIsNotCreatedThroughAnotherUsersLinkOrDirectoryOnTheWay() throws {
    let folder = try Folder()
    defer { folder.remove() }
    let shared = folder.path + "/shared"
    #expect(mkdir(shared, 0o1777) == 0 && chmod(shared, 0o1777) == 0)
    #expect(mkdir(folder.path + "/elsewhere", 0o700) == 0)
    // `db backup`, `audit checkpoint --output`, `import --errors` into a folder reached through another
    // user's link, or kept in another user's folder (who could swap it for a link afterwards).
    #expect(
      symlink(folder.path + "/elsewhere", shared + "/bk") == 0 && lchown(shared + "/bk", 65534, 65534) == 0)
    #expect(mkdir(shared + "/theirs", 0o755) == 0 && chown(shared + "/theirs", 65534, 65534) == 0)
    #expect(mkdir(shared + "/theirs/mine", 0o700) == 0)
    #expect(throws: NewFileError.symbolicLink(path: shared + "/bk")) {
      try NewFile.write(Array("keys".utf8), to: shared + "/bk/store.bak")
    }
    #expect(throws: NewFileError.notOwnDirectory(path: shared + "/theirs", owner: 65534)) {
      try NewFile.write(Array("keys".utf8), to: shared + "/theirs/mine/store.bak")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/elsewhere").isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: shared + "/theirs/mine").isEmpty)
    // Straight into the sticky shared folder is fine: the name is created new, and nobody can swap it.
    try NewFile.write(Array("keys".utf8), to: shared + "/store.bak")
  }

  @Test func aLinkedDirectoryIsNotUsedForNewFiles() throws {
    let folder = try Folder()
    defer { folder.remove() }
    #expect(mkdir(folder.path + "/elsewhere", 0o700) == 0)
    #expect(symlink(folder.path + "/elsewhere", folder.path + "/.well-known") == 0)
    #expect(throws: NewFileError.symbolicLink(path: folder.path + "/.well-known")) {
      try NewFile.makeDirectory(folder.path + "/.well-known", mode: 0o755)
    }
    #expect(mkdir(folder.path + "/theirs", 0o777) == 0 && chown(folder.path + "/theirs", 65534, 65534) == 0)
    #expect(throws: NewFileError.notOwnDirectory(path: folder.path + "/theirs", owner: 65534)) {
      try NewFile.makeDirectory(folder.path + "/theirs", mode: 0o755)
    }
  }
}
