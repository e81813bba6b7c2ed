import Foundation
import Testing

/// `minid id validate` and `minid id generate` as scripts use them.
@Suite struct IdCommandTests {
  @Test func validNumbersExitZero() throws {
    let result = try MinIDBinary.run([
      "id", "validate", "--today", "2026-11-25", "31129956715", "311299-56715",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: "\n").count == 2)
    #expect(result.stdout.contains("valid fødselsnummer, born 1899-12-31"))
  }

  @Test func anyInvalidNumberExits65() throws {
    let result = try MinIDBinary.run([
      "id", "validate", "--today", "2026-11-25", "31129956715", "29020000064",
    ])
    #expect(result.status == 65)
    #expect(result.stdout.contains("29020000064: invalid: day 29 does not exist in February 1900 [day]"))
  }

  @Test func streamsStandardInputAsJSONLines() throws {
    let input = "31129956715\n\n29020000064\r\n10915596784\n"
    let result = try MinIDBinary.run(["id", "validate", "--json", "--today", "2026-11-25"], stdin: input)
    #expect(result.status == 65)
    let records = try result.stdout.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(records.count == 3)
    #expect(records.map { $0["input"] as? String } == ["31129956715", "29020000064", "10915596784"])
    for key in [
      "input", "valid", "kind", "checksum_rule", "date", "century_assumed", "synthetic", "minid_eligible",
      "errors",
    ] {
      #expect(records[0][key] != nil, "missing \(key)")
    }
    #expect(records[1]["valid"] as? Bool == false)
    let errors = records[1]["errors"] as? [[String: String]]
    #expect(errors?.first?["code"] == "day")
    #expect(records[2]["kind"] as? String == "tenor")
    #expect(records[2]["synthetic"] as? Bool == true)
  }

  @Test func onlyInvalidWithSummaryOnStandardError() throws {
    let input = "31129956715\n29020000064\n123\n"
    let result = try MinIDBinary.run(["id", "validate", "--only-invalid", "-"], stdin: input)
    #expect(result.status == 65)
    #expect(
      result.stdout.split(separator: "\n").map { $0.split(separator: ":")[0] } == ["29020000064", "123"])
    #expect(result.stderr == "Checked 3 numbers: 1 valid, 2 invalid.\n")
  }

  /// Large input is checked on two threads; the output must still follow the input line by line.
  @Test func largeInputKeepsInputOrder() throws {
    let generated = try MinIDBinary.run([
      "id", "generate", "--count", "150000", "--seed", "5", "--today", "2026-11-25",
    ])
    var lines = generated.stdout.split(separator: "\n").map(String.init)
    var expected: [String] = []
    for index in stride(from: 0, to: lines.count, by: 7) {
      let last = lines[index].last!.wholeNumberValue!
      lines[index] = String(lines[index].dropLast()) + String((last + 1) % 10)
      expected.append(lines[index])
    }
    let result = try MinIDBinary.run(
      ["id", "validate", "--only-invalid", "--today", "2026-11-25"], stdin: lines.joined(separator: "\n"))
    #expect(result.status == 65)
    #expect(result.stdout.split(separator: "\n").map { String($0.prefix(11)) } == expected)
    #expect(
      result.stderr
        == "Checked 150000 numbers: \(150000 - expected.count) valid, \(expected.count) invalid.\n")
  }

  @Test func emptyInputIsValid() throws {
    let result = try MinIDBinary.run(["id", "validate", "--only-invalid"], stdin: "")
    #expect(result.status == 0)
    #expect(result.stderr == "Checked 0 numbers: 0 valid, 0 invalid.\n")
  }

  @Test func strict1964() throws {
    #expect(try MinIDBinary.run(["id", "validate", "30108299939"]).status == 0)
    let strict = try MinIDBinary.run(["id", "validate", "--strict-1964", "30108299939"])
    #expect(strict.status == 65)
    #expect(strict.stdout.contains("[check_digit_1_2032_only]"))
  }

  @Test func generatedNumbersValidateAndReproduce() throws {
    let arguments = [
      "id", "generate", "--count", "500", "--kind", "d_nummer+tenor", "--seed", "11", "--today", "2026-11-25",
    ]
    let first = try MinIDBinary.run(arguments)
    #expect(first.status == 0)
    #expect(try MinIDBinary.run(arguments).stdout == first.stdout)
    #expect(Set(first.stdout.split(separator: "\n")).count == 500)
    let check = try MinIDBinary.run(
      ["id", "validate", "--json", "--today", "2026-11-25"], stdin: first.stdout)
    #expect(check.status == 0)
    #expect(!check.stdout.contains("\"kind\":\"fodselsnummer\""))
  }

  @Test func generateByAgeAsJSON() throws {
    let result = try MinIDBinary.run([
      "id", "generate", "--kind", "tenor", "--age", "13", "--json", "--today", "2026-06-01", "--seed", "1",
    ])
    #expect(result.status == 0)
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let date = try #require(record["date"] as? String)
    #expect(date > "2012-06-01" && date <= "2013-06-01")
    #expect(record["synthetic"] as? Bool == true)
  }

  @Test func generateRefusesImpossibleRequests() throws {
    let result = try MinIDBinary.run(["id", "generate", "--born", "1850-01-01"])
    #expect(result.status == 65)
    #expect(result.stderr.contains("individnummer series exists for birth year 1850"))
    let many = try MinIDBinary.run([
      "id", "generate", "--born", "2000-01-01", "--count", "5000", "--seed", "1",
    ])
    #expect(many.status == 65)
    #expect(many.stderr.contains("distinct numbers"))
  }
}

@Suite struct StoreLocationCommandTests {
  @Test func precedence() throws {
    let byOption = try MinIDBinary.run(
      ["--database", "/tmp/a.sqlite", "db", "path"], environment: ["MINID_DATABASE": "/tmp/b.sqlite"])
    #expect(byOption.stdout == "/tmp/a.sqlite\n")
    let byEnvironment = try MinIDBinary.run(
      ["db", "path", "--json"], environment: ["MINID_DATABASE": "/tmp/b.sqlite"])
    #expect(
      byEnvironment.stdout
        == "{\"path\":\"/tmp/b.sqlite\",\"backend\":\"sqlite\",\"source\":\"MINID_DATABASE\",\"exists\":false}\n"
    )
    let byXDG = try MinIDBinary.run(["db", "path"], environment: ["XDG_DATA_HOME": "/srv/data"])
    #expect(byXDG.stdout == "/srv/data/minid/minid.sqlite\n")
    let byHome = try MinIDBinary.run(["db", "path"], environment: ["HOME": "/home/ci"])
    #expect(byHome.stdout == "/home/ci/.local/share/minid/minid.sqlite\n")
    // A PostgreSQL URI is shown without its password; an unreachable server is a store that is not there.
    let byURI = try MinIDBinary.run(
      ["db", "path", "--json"],
      environment: ["MINID_DATABASE": "postgresql://ci:s3cret@/minid?host=/nonexistent&password=other"])
    #expect(
      byURI.stdout
        == "{\"path\":\"postgresql://ci:***@/minid?host=/nonexistent&password=***\",\"backend\":\"postgresql\",\"source\":\"MINID_DATABASE\",\"exists\":false}\n"
    )
  }

  @Test func noHomeIsAConfigurationError() throws {
    let result = try MinIDBinary.run(["db", "path"], environment: ["HOME": "relative"])
    #expect(result.status == 78)
    #expect(result.stderr.contains("pass --database PATH or set MINID_DATABASE"))
  }
}
