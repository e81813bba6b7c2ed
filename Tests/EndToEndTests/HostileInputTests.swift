import Foundation
import Testing

/// Several hundred bad inputs across every command: each gets one clear error and the right exit code, and
/// the store stays byte-for-byte as it was.
@Suite struct HostileInputTests {
  /// One bad input: the command, its standard input, the exit code and what the message must name.
  struct Case: CustomStringConvertible {
    let arguments: [String]
    var stdin: String? = nil
    let status: Int32
    let names: String

    var description: String { arguments.map { $0.count > 60 ? String($0.prefix(60)) + "…" : $0 }.description }
  }

  // A NUL cannot reach a program through its arguments (the kernel ends the string there), so NUL bytes
  // are tried in files and standard input only.

  /// Identity numbers that must be refused, each for its own reason.
  static let badNumbers = [
    "", " ", "0", "1234567890", "123456789012", "abcdefghijk", "0688819979x", "00000000000", "99999999999",
    "32018012345", "01130012345", "29020012345", "06888199798", "06888199787", "0688819979\u{0}7",
    "06888199797'; DROP TABLE account;--", "$(rm -rf /)", "`id`", "06888199797\n06888199797",
    "\u{FEFF}06888199797", "０６８８８１９９７９７", "0688819979７", "06888199797 OR 1=1", "06888199797-0",
    "+06888199797", "06888199797" + String(repeating: "9", count: 5000), "0688\u{1B}[31m8199797",
    "06.88.81.99.79.7.", "１", "%s%s%s%n",
  ]

  static let badPhones = [
    "", "+", "+0123456789", "123", "1234 5678", "+47 1234 5678", "9999999999999999999", "+4799999999x",
    "٩٩٩٩٩٩٩٩", "99999999; rm -rf /", "+47\u{0}99999999", "+47 99 99 99 99 99 99 99", "0047 1234 5678",
    "+", "++4799999999", "99999999\u{1B}[2J", String(repeating: "9", count: 10_000),
  ]

  static let badEmails = [
    "", "a", "a@", "@b.no", "a@b", "a@@b.no", "a b@c.no", ".a@b.no", "a..b@c.no", "a@b..no", "a@-b.no",
    "a@b.123", String(repeating: "a", count: 65) + "@b.no", "a@" + String(repeating: "b.", count: 130) + "no",
    "a@b.no\u{1}", "a@b.no'; DROP TABLE account;--", "å@b.no", "a@b.no\nBcc: x@y.no", "a@b.no\u{1B}]0;x\u{7}",
  ]

  @Test func everyBadInputIsRefusedAndChangesNothing() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, password) = try work.testStoreWithUser()
    _ = try work.json([
      "service", "add", "--client-id", "app", "--name", "App", "--level", "substantial", "--json",
    ])
    let passwordFile = try work.file("password", password + "\n")
    let token = try loginToken(work, pid: pid, passwordFile: passwordFile)
    let files = try hostileFiles(work)
    let cases =
      numberCases(passwordFile) + contactCases(pid) + fieldCases(pid, passwordFile)
      + fileCases(files, pid: pid, passwordFile: passwordFile) + tokenCases(token) + commandLineCases(files)
    #expect(cases.count >= 300)

    let before = try work.storeContents()
    var mismatches: [String] = []
    for item in cases {
      let result = try work.run(item.arguments, stdin: item.stdin)
      // `id validate` reports on standard output (a line per number); every other command on standard error.
      let message = item.arguments.first == "id" ? result.stdout + result.stderr : result.stderr
      if result.status != item.status {
        mismatches.append("\(item): exit \(result.status), expected \(item.status): \(message.prefix(200))")
      } else if !message.lowercased().contains(item.names) {
        mismatches.append("\(item): the message does not name '\(item.names)': \(message.prefix(300))")
      } else if result.stderr.contains("Fatal error") || result.stderr.contains(password)
        || result.stderr.contains(pid)
      {
        mismatches.append(
          "\(item): a crash, the password or the identity number in: \(result.stderr.prefix(300))")
      }
      if try work.storeContents() != before {
        mismatches.append("\(item): the store changed")
        break
      }
    }
    #expect(
      mismatches.isEmpty,
      "\(mismatches.count) of \(cases.count) cases:\n\(mismatches.joined(separator: "\n"))")
    #expect(try work.run(["db", "check"]).status == 0)
  }

  // MARK: - The cases

  func numberCases(_ passwordFile: String) -> [Case] {
    Self.badNumbers.flatMap { number -> [Case] in
      [
        Case(
          arguments: [
            "account", "register", "--pid", number, "--phone", "99999999", "--email", "a@b.no", "--address",
            "A",
          ], status: 65, names: "identity number"),
        Case(arguments: ["account", "show", "--pid", number], status: 65, names: "identity number"),
        Case(
          arguments: ["account", "find", "--pid", number, "--json"], status: 65, names: "identity number"),
        Case(
          arguments: ["account", "lock", "--pid", number, "--reason", "SPERRET"], status: 65,
          names: "identity number"),
        Case(
          arguments: ["login", "start", "--pid", number, "--client", "app", "--password-file", passwordFile],
          status: 65, names: "identity number"),
        Case(
          arguments: ["account", "delete", "--pid", number, "--yes"], status: 65, names: "identity number"),
        Case(arguments: ["audit", "list", "--pid", number], status: 65, names: "identity number"),
        Case(arguments: ["id", "validate", "--json", "--", number], status: 65, names: #""valid":false"#),
      ]
    }
  }

  func contactCases(_ pid: String) -> [Case] {
    let fresh = "06888199797"
    let phones = Self.badPhones.flatMap { phone -> [Case] in
      [
        Case(
          arguments: [
            "account", "register", "--pid", fresh, "--phone", phone, "--email", "a@b.no", "--address", "A",
          ], status: 65, names: "phone"),
        Case(arguments: ["account", "update", "--pid", pid, "--phone", phone], status: 65, names: "phone"),
        Case(arguments: ["account", "find", "--phone", phone], status: 65, names: "phone"),
      ]
    }
    let emails = Self.badEmails.flatMap { email -> [Case] in
      [
        Case(
          arguments: [
            "account", "register", "--pid", fresh, "--phone", "99999999", "--email", email, "--address", "A",
          ], status: 65, names: "email"),
        Case(arguments: ["account", "update", "--pid", pid, "--email", email], status: 65, names: "email"),
        Case(arguments: ["account", "find", "--email", email], status: 65, names: "email"),
      ]
    }
    return phones + emails
  }

  /// Overlong and control-character fields, bad dates, counts and choices.
  func fieldCases(_ pid: String, _ passwordFile: String) -> [Case] {
    let fresh = "06888199797"
    func register(address: String) -> [String] {
      [
        "account", "register", "--pid", fresh, "--phone", "99999999", "--email", "a@b.no", "--address",
        address,
      ]
    }
    return [
      Case(arguments: register(address: String(repeating: "x", count: 10_000)), status: 65, names: "address"),
      Case(arguments: register(address: "Storgata 1\u{1}"), status: 65, names: "address"),
      Case(arguments: register(address: "\u{1B}[31mStorgata 1"), status: 65, names: "address"),
      Case(arguments: register(address: ""), status: 65, names: "address"),
      Case(arguments: register(address: "Storgata 1\u{202E}0155 Oslo"), status: 65, names: "u+202e"),
      Case(arguments: register(address: "Storgata\u{200B} 1"), status: 65, names: "u+200b"),
      Case(
        arguments: ["account", "update", "--pid", pid, "--address", "Gate 2\u{2066}"], status: 65,
        names: "address"),
      Case(
        arguments: [
          "service", "add", "--client-id", "x", "--name", "X\nSubject: y", "--level", "substantial",
        ],
        status: 65, names: "name"),
      Case(
        arguments: ["service", "add", "--client-id", "x", "--name", "NAV\u{202E}", "--level", "substantial"],
        status: 65, names: "u+202e"),
      Case(arguments: register(address: "   "), status: 65, names: "address"),
      Case(
        arguments: ["account", "update", "--pid", pid, "--address", "\u{7}"], status: 65, names: "address"),
      Case(
        arguments: ["account", "lock", "--pid", pid, "--reason", "SPERRET", "--case", "bad ref; rm"],
        status: 65,
        names: "case"),
      Case(
        arguments: [
          "account", "lock", "--pid", pid, "--reason", "SPERRET", "--case",
          String(repeating: "C", count: 500),
        ],
        status: 65, names: "case"),
      Case(
        arguments: ["account", "lock", "--pid", pid, "--reason", "'; DROP TABLE"], status: 65, names: "reason"
      ),
      Case(arguments: ["account", "lock", "--pid", pid], status: 64, names: "reason"),
      Case(arguments: register(address: "A") + ["--today", "2026-02-30"], status: 64, names: "today"),
      Case(arguments: register(address: "A") + ["--today", "tomorrow"], status: 64, names: "today"),
      Case(arguments: register(address: "A") + ["--today", "99999-01-01"], status: 64, names: "today"),
      Case(arguments: ["id", "generate", "--count", "-1"], status: 64, names: "count"),
      Case(arguments: ["id", "generate", "--count", "99999999999999999999"], status: 64, names: "count"),
      Case(arguments: ["id", "generate", "--count", "1e3"], status: 64, names: "count"),
      Case(arguments: ["id", "generate", "--kind", "klingon"], status: 64, names: "kind"),
      Case(arguments: ["id", "generate", "--age", "-5"], status: 64, names: "age"),
      Case(arguments: ["testuser", "create", "--count", "100000"], status: 64, names: "count"),
      Case(arguments: ["audit", "list", "--since", "yesterday"], status: 64, names: "since"),
      Case(arguments: ["audit", "list", "--limit", "0x10"], status: 64, names: "limit"),
      Case(
        arguments: ["service", "add", "--client-id", "app two", "--name", "X", "--level", "substantial"],
        status: 65,
        names: "client"),
      Case(
        arguments: ["service", "add", "--client-id", "x", "--name", "X", "--level", "idporten-loa-low"],
        status: 64,
        names: "level"),
      Case(
        arguments: ["service", "show", "--client-id", "'; DROP TABLE service;--"], status: 67,
        names: "service"),
      Case(arguments: ["keys", "retire", "../../etc/passwd"], status: 67, names: "key"),
      Case(
        arguments: [
          "login", "finish", "--login-id", String(repeating: "A", count: 100_000), "--code-file",
          passwordFile,
        ], status: 67, names: "login"),
      Case(arguments: ["outbox", "show", "-1"], status: 64, names: "id"),
      Case(arguments: ["init", "--environment", "test"], status: 4, names: "exists"),
    ]
  }

  /// Files of the wrong kind: empty, truncated, binary, invalid UTF-8, huge lines, absurd hashes.
  struct HostileFiles {
    let empty, headerOnly, wrongHeader, png, invalidUTF8, unterminatedQuote, hugeLine, badJSON, nestedJSON,
      wrongTypes, absurdHash, badHashBase64, unknownHash, nulBytes, badSecret, directory, missing: String
  }

  func hostileFiles(_ work: LifecycleTests.Workspace) throws -> HostileFiles {
    let header = "pid,phone,email,address,password_hash\n"
    let row = "06888199797,99999999,a@b.no,Vei 1,"
    let invalid = work.directory.appendingPathComponent("invalid-utf8.csv")
    try Data(header.utf8 + [0x30, 0x36, 0xFF, 0xFE, 0xC0, 0x80, 0x0A]).write(to: invalid)
    let png = work.directory.appendingPathComponent("picture.png")
    try Data(
      [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + [UInt8](repeating: 0, count: 200)
    )
    .write(to: png)
    let badSecret = work.directory.appendingPathComponent("bad-secret")
    try Data([0x41, 0xFF, 0xFE, 0x42, 0x0A]).write(to: badSecret)
    let directory = work.directory.appendingPathComponent("a-directory")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return HostileFiles(
      empty: try work.file("empty.csv", ""),
      headerOnly: try work.file("header.csv", header),
      wrongHeader: try work.file("wrong-header.csv", "name,age\nKari,30\n"),
      png: png.path,
      invalidUTF8: invalid.path,
      unterminatedQuote: try work.file("truncated.csv", header + "06888199797,99999999,a@b.no,\"Vei 1"),
      hugeLine: try work.file("huge.csv", header + row + String(repeating: "A", count: 3_000_000) + "\n"),
      badJSON: try work.file("bad.jsonl", "{\"pid\": \"06888199797\", \n"),
      nestedJSON: try work.file("nested.jsonl", "{\"pid\": {\"pid\": [1, 2]}, \"phone\": null}\n"),
      wrongTypes: try work.file(
        "types.jsonl", "{\"pid\": 6888199797, \"phone\": 99999999, \"email\": true}\n"),
      absurdHash: try work.file(
        "absurd.csv", header + row + "\"$scrypt$ln=40,r=100000,p=99999$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA\"\n"),
      badHashBase64: try work.file("badb64.csv", header + row + "\"$scrypt$ln=10,r=8,p=1$!!!!$????\"\n"),
      unknownHash: try work.file(
        "argon.csv", header + row + "\"$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA\"\n"),
      nulBytes: try work.file("nul.csv", header + "0688819979\u{0}7,99999999,a@b.no,Vei 1,\n"),
      badSecret: badSecret.path,
      directory: directory.path,
      missing: work.directory.appendingPathComponent("no-such-file.csv").path)
  }

  func fileCases(_ files: HostileFiles, pid: String, passwordFile: String) -> [Case] {
    func importing(_ path: String, _ format: String = "csv") -> [String] {
      ["account", "import", path, "--format", format]
    }
    return [
      Case(arguments: importing(files.empty), status: 65, names: "header"),
      Case(arguments: importing(files.headerOnly), status: 0, names: "of 0 rows"),
      Case(arguments: importing(files.wrongHeader), status: 65, names: "header lacks pid"),
      Case(arguments: importing(files.png), status: 65, names: "header is not valid utf-8"),
      Case(arguments: importing(files.invalidUTF8), status: 65, names: "line 2: pid: is not valid utf-8"),
      Case(arguments: importing(files.unterminatedQuote), status: 65, names: "quote"),
      Case(arguments: importing(files.hugeLine), status: 65, names: "line"),
      Case(arguments: importing(files.badJSON, "jsonl"), status: 65, names: "json"),
      Case(arguments: importing(files.nestedJSON, "jsonl"), status: 65, names: "pid: must be a string"),
      Case(arguments: importing(files.wrongTypes, "jsonl"), status: 65, names: "must be a string"),
      Case(arguments: importing(files.absurdHash), status: 65, names: "password_hash"),
      Case(arguments: importing(files.badHashBase64), status: 65, names: "password_hash"),
      Case(arguments: importing(files.unknownHash), status: 65, names: "password_hash"),
      Case(arguments: importing(files.nulBytes), status: 65, names: "line 2"),
      Case(arguments: importing(files.directory), status: 66, names: "is a directory"),
      Case(arguments: importing(files.missing), status: 66, names: "no-such-file"),
      Case(arguments: importing("-"), stdin: "", status: 65, names: "header"),
      Case(arguments: importing("-", "jsonl"), stdin: "\u{0}\u{0}\u{0}", status: 65, names: "json"),
      Case(
        arguments: ["login", "start", "--pid", pid, "--client", "app", "--password-file", files.missing],
        status: 66, names: "no-such-file"),
      Case(
        arguments: ["login", "start", "--pid", pid, "--client", "app", "--password-file", files.directory],
        status: 66, names: "directory"),
      Case(
        arguments: ["login", "start", "--pid", pid, "--client", "app", "--password-file", files.empty],
        status: 65,
        names: "password"),
      Case(
        arguments: ["account", "activate", "--pid", pid, "--code-file", "-", "--password-file", "-"],
        status: 64,
        names: "standard input"),
      Case(
        arguments: [
          "account", "activate", "--pid", pid, "--code-file", files.badSecret, "--password-file",
          passwordFile,
        ],
        status: 65, names: "letter code"),
      Case(arguments: ["token", "verify", "--jwks", files.png], stdin: "x.y.z", status: 65, names: "jwks"),
      Case(
        arguments: ["token", "verify", "--jwks", files.missing], stdin: "x.y.z", status: 66,
        names: "no-such-file"),
      Case(
        arguments: ["id", "validate", "--json"], stdin: "\u{FF}\u{FE}garbage\n", status: 65,
        names: #""valid":false"#),
      LifecycleTests.Workspace.onSQLite
        ? Case(arguments: ["db", "backup", files.directory], status: 73, names: "already exists")
        : Case(arguments: ["db", "backup", files.directory], status: 65, names: "pg_dump"),
      Case(
        arguments: ["--database", files.png, "account", "show", "--pid", pid], status: 78,
        names: "not a minid store"),
      Case(arguments: ["--database", files.directory, "db", "check"], status: 66, names: "is a directory"),
      Case(arguments: ["--database", files.missing, "db", "stats"], status: 66, names: "minid init"),
    ]
  }

  /// Tokens that must never verify: `alg: none`, swapped keys, unknown kid, wrong audience, broken syntax.
  func tokenCases(_ token: String) -> [Case] {
    let parts = token.split(separator: ".").map(String.init)
    func b64(_ text: String) -> String {
      Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    let header = String(decoding: Self.base64URLDecode(parts[0]), as: UTF8.self)
    let payload = String(decoding: Self.base64URLDecode(parts[1]), as: UTF8.self)
    let noneHeader = b64(#"{"alg":"none","typ":"JWT"}"#)
    let hsHeader = b64(header.replacingOccurrences(of: "ES256", with: "HS256"))
    let otherKid = b64(#"{"alg":"ES256","kid":"not-a-key-of-this-store","typ":"JWT"}"#)
    let tampered = b64(payload.replacingOccurrences(of: "\"aud\":\"app\"", with: "\"aud\":\"evil\""))
    let verify = ["token", "verify", "--client", "app"]
    // A signature of the right length that differs in its first character: still valid base64url.
    let otherSignature = (parts[2].first == "A" ? "B" : "A") + parts[2].dropFirst()
    return [
      Case(arguments: verify + ["\(noneHeader).\(parts[1])."], status: 2, names: "alg"),
      Case(arguments: verify + ["\(noneHeader).\(parts[1]).\(parts[2])"], status: 2, names: "alg"),
      Case(arguments: verify + ["\(hsHeader).\(parts[1]).\(parts[2])"], status: 2, names: "alg"),
      Case(arguments: verify + ["\(otherKid).\(parts[1]).\(parts[2])"], status: 2, names: "kid"),
      Case(arguments: verify + ["\(parts[0]).\(tampered).\(parts[2])"], status: 2, names: "signature"),
      Case(arguments: verify + ["\(parts[0]).\(parts[1]).\(otherSignature)"], status: 2, names: "signature"),
      Case(arguments: ["token", "verify", "--client", "other", token], status: 2, names: "audience"),
      Case(arguments: verify + ["\(parts[0]).\(parts[1])"], status: 65, names: "three"),
      Case(arguments: verify + [token + ".extra"], status: 65, names: "three"),
      Case(arguments: verify + ["!!!.???.***"], status: 65, names: "base64"),
      Case(arguments: verify + ["\(b64("[1,2]")).\(parts[1]).\(parts[2])"], status: 65, names: "header"),
      Case(arguments: verify + ["\(b64("not json")).\(parts[1]).\(parts[2])"], status: 65, names: "header"),
      Case(arguments: verify, stdin: String(repeating: "A", count: 2_000_000), status: 65, names: "token"),
      Case(arguments: verify, stdin: "", status: 65, names: "token"),
    ]
  }

  func commandLineCases(_ files: HostileFiles) -> [Case] {
    [
      Case(arguments: ["acount", "show"], status: 64, names: "account"),
      Case(arguments: ["account", "shwo"], status: 64, names: "show"),
      Case(arguments: ["account", "show", "--pdi", "1"], status: 64, names: "--pid"),
      Case(arguments: ["account", "show"], status: 64, names: "--pid"),
      Case(arguments: ["account", "show", "--pid"], status: 64, names: "--pid"),
      Case(arguments: ["account", "show", "--pid", "1", "--pid", "2"], status: 64, names: "more than once"),
      Case(arguments: ["account", "show", "--json=yes", "--pid", "1"], status: 64, names: "json"),
      Case(arguments: ["id", "generate", "--kind"], status: 64, names: "kind"),
      Case(arguments: ["id", "validate", "--strict-1965"], status: 64, names: "strict-1964"),
      Case(arguments: [String(repeating: "x", count: 100_000)], status: 64, names: "subcommand"),
      Case(arguments: ["--database", "", "db", "stats"], status: 78, names: "--database is empty"),
      Case(arguments: ["login", "start", "--password", "hunter2"], status: 64, names: "password-file"),
      Case(arguments: ["--generate-completion-script", "powershell"], status: 64, names: "powershell"),
      Case(arguments: ["help", "no-such-command"], status: 64, names: "no-such-command"),
      Case(arguments: ["account", "import", files.empty, "--format", "xml"], status: 64, names: "format"),
    ]
  }

  // MARK: - Helpers

  func loginToken(_ work: LifecycleTests.Workspace, pid: String, passwordFile: String) throws -> String {
    let start = try work.json([
      "login", "start", "--pid", pid, "--client", "app", "--password-file", passwordFile, "--json",
    ])
    let loginID = try #require(start["login_id"] as? String)
    let finish = try work.json(
      ["login", "finish", "--login-id", loginID, "--code-file", "-", "--json"], stdin: "12345\n")
    return try #require(finish["id_token"] as? String)
  }

  static func base64URLDecode(_ text: String) -> Data {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    return Data(base64Encoded: base64) ?? Data()
  }
}
