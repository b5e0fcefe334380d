/// One SQL statement's tokens and the rules that turn them into effects.
struct SQLStatement {
    let tokens: [SQLToken]
    /// The statement's text (at most 320 bytes), for the finding.
    let text: String
    let depth: Int

    private func word(_ k: Int) -> String? {
        k < tokens.count && tokens[k].kind == .word ? tokens[k].text : nil
    }

    /// The index of the first statement-level word equal to one of `words`, at or after `from`.
    private func find(_ words: Set<String>, from: Int = 0) -> Int? {
        var k = from
        while k < tokens.count {
            if tokens[k].depth == 0, tokens[k].kind == .word, words.contains(tokens[k].text) { return k }
            k += 1
        }
        return nil
    }

    func classify(into out: inout AnalysisBuilder) {
        var k = 0
        while k < tokens.count, tokens[k].kind == .symbol, tokens[k].text == "(" { k += 1 }
        guard let verb = word(k) else { return }
        classify(verb: verb, at: k, into: &out)
    }

    private func classify(verb: String, at k: Int, into out: inout AnalysisBuilder) {
        switch verb {
        case "WITH":
            // The main statement follows the common table expressions, at depth 0.
            if let main = find(["SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "TABLE"], from: k + 1) {
                classify(verb: tokens[main].text, at: main, into: &out)
            } else {
                out.add(.read)
            }
        case "SELECT", "VALUES", "TABLE":
            select(from: k, into: &out)
        case "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "USE", "HELP", "LIST", "LISTEN", "FETCH", "DECLARE", "PREPARE":
            if verb == "EXPLAIN", find(["ANALYZE"], from: k + 1) != nil, let inner = find(["INSERT", "UPDATE", "DELETE"], from: k + 1) {
                // EXPLAIN ANALYZE runs the statement.
                classify(verb: tokens[inner].text, at: inner, into: &out)
                return
            }
            out.add(.read)
        case "PRAGMA":
            out.add(tokens.contains { $0.text == "=" } ? .write : .read, text)
        case "INSERT", "REPLACE", "MERGE", "UPSERT", "LOAD", "IMPORT", "RENAME", "VACUUM", "REINDEX", "OPTIMIZE", "ANALYZE",
             "CLUSTER", "REFRESH", "COMMENT", "LOCK", "ATTACH", "DETACH", "UNLOAD", "PUT", "UNDROP", "RESTORE", "BACKUP":
            if verb == "INSERT" || verb == "REPLACE", tokens.contains(where: { $0.depth == 0 && $0.text == "OVERWRITE" }) {
                out.add(.destroyBroad, text)
                return
            }
            out.add(.write, text)
            if verb == "LOAD" || verb == "ATTACH", let path = tokens.first(where: { $0.kind == .string })?.text { out.path(path) }
        case "UPDATE":
            guard let whereIndex = find(["WHERE"], from: k + 1) else { out.add(.destroyBroad, text); return }
            out.add(isTautology(after: whereIndex) ? .destroyBroad : .write, text)
        case "DELETE":
            guard let whereIndex = find(["WHERE"], from: k + 1) else { out.add(.destroyBroad, text); return }
            out.add(isTautology(after: whereIndex) ? .destroyBroad : .destroy, text)
        case "TRUNCATE", "PURGE":
            out.add(.destroyBroad, text)
        case "DROP":
            let object = nextObjectWord(after: k)
            switch object {
            case "USER", "ROLE", "LOGIN", "GROUP":
                out.add([.privilege, .destroy], text)
            case "INDEX", "VIEW", "TRIGGER", "FUNCTION", "PROCEDURE", "SEQUENCE", "TYPE", "RULE", "POLICY", "STATISTICS", "EVENT",
                 "EXTENSION", "MATERIALIZED", "SYNONYM", "CONSTRAINT", "DOMAIN", "AGGREGATE", "OPERATOR", "CAST", "PUBLICATION", "SUBSCRIPTION":
                out.add(object == "POLICY" ? [.destroy, .disableProtection] : .destroy, text)
            default:
                out.add(.destroyBroad, text)
            }
        case "CREATE":
            let object = nextObjectWord(after: k)
            switch object {
            case "USER", "ROLE", "LOGIN", "GROUP":
                out.add(.privilege, text)
            case "TRIGGER", "EVENT", "RULE":
                out.add([.write, .persistence], text)
            default:
                out.add(.write, text)
            }
        case "ALTER":
            let object = nextObjectWord(after: k)
            if ["USER", "ROLE", "LOGIN", "GROUP", "DEFAULT"].contains(object) || tokens.contains(where: { $0.depth == 0 && $0.text == "OWNER" }) {
                out.add(.privilege, text)
            } else if object == "SYSTEM" || object == "SERVER" {
                out.add(tokens.contains { $0.text == "FORCE" } ? .write : .privilege, text)
            } else if find(["DROP"], from: k + 1) != nil {
                out.add(.destroyBroad, text)
            } else if tokens.contains(where: { $0.text == "DISABLE" }) && tokens.contains(where: { $0.text == "TRIGGER" || $0.text == "SECURITY" || $0.text == "POLICY" }) {
                out.add(.disableProtection, text)
            } else {
                out.add(.write, text)
            }
        case "GRANT", "REVOKE", "DENY":
            out.add(.privilege, text)
        case "SET":
            if word(k + 1) == "ROLE" || (word(k + 1) == "SESSION" && word(k + 2) == "AUTHORIZATION") || word(k + 1) == "PASSWORD" {
                out.add(.privilege, text)
            } else if tokens.contains(where: { $0.text == "SQL_LOG_BIN" || $0.text == "GENERAL_LOG" || $0.text == "LOG_STATEMENT" }),
                      tokens.contains(where: { $0.text == "0" || $0.text == "OFF" || $0.text == "NONE" }) {
                out.add(.disableProtection, text)
            }
        case "COPY":
            copy(from: k, into: &out)
        case "EXEC", "EXECUTE", "CALL", "DO":
            procedure(from: k, into: &out)
        case "BEGIN":
            if tokens.count > 1, word(k + 1) != "TRANSACTION", word(k + 1) != "WORK" { procedure(from: k, into: &out) }
        case "SHUTDOWN", "KILL":
            out.add(.processKill, text)
        case "FLUSH":
            out.add(tokens.contains { $0.text == "PRIVILEGES" } ? .privilege : .write, text)
        default:
            break
        }
    }

    /// `SELECT ... INTO OUTFILE 'path'` writes a file on the server; `SELECT ... INTO t` makes a table.
    private func select(from k: Int, into out: inout AnalysisBuilder) {
        if let into = find(["INTO"], from: k + 1) {
            if let target = word(into + 1), target == "OUTFILE" || target == "DUMPFILE" {
                if into + 2 < tokens.count, tokens[into + 2].kind == .string { out.path(tokens[into + 2].text) }
                out.add([.write, .egress], text)
                return
            }
            out.add(.write, text)
            return
        }
        var effects: CommandEffects = .read
        for token in tokens where token.kind == .word {
            switch token.text {
            case "PG_TERMINATE_BACKEND", "PG_CANCEL_BACKEND": effects.insert(.processKill)
            case "LO_EXPORT", "PG_FILE_WRITE": effects.insert(.write)
            case "SYS_EXEC", "SYS_EVAL", "XP_CMDSHELL": effects.insert(.privilege)
            case "DBLINK", "DBLINK_EXEC", "HTTP_POST", "HTTP_GET", "UTL_HTTP": effects.insert(.egress)
            default: break
            }
        }
        out.add(effects, effects == .read ? nil : text)
    }

    /// `WHERE 1=1`, `WHERE TRUE`, `WHERE 'a'='a'`, `... OR 1=1`: every row matches.
    private func isTautology(after whereIndex: Int) -> Bool {
        var k = whereIndex
        while k < tokens.count {
            let introduces = tokens[k].kind == .word && (tokens[k].text == "WHERE" || tokens[k].text == "OR")
            if introduces {
                if word(k + 1) == "TRUE" && (k + 2 >= tokens.count || word(k + 2) == "OR") { return true }
                if k + 3 < tokens.count + 1, k + 3 <= tokens.count,
                   let left = literal(k + 1), k + 2 < tokens.count, tokens[k + 2].text == "=", let right = literal(k + 3), left == right {
                    return true
                }
                if k + 1 < tokens.count, tokens[k + 1].kind == .number, tokens[k + 1].text != "0", k + 2 >= tokens.count { return true }
            }
            k += 1
        }
        return false
    }

    private func literal(_ k: Int) -> String? {
        guard k < tokens.count, tokens[k].kind == .number || tokens[k].kind == .string else { return nil }
        return tokens[k].text
    }

    /// The object keyword after CREATE/ALTER/DROP, skipping OR REPLACE, TEMPORARY, IF [NOT] EXISTS and the like.
    private func nextObjectWord(after k: Int) -> String {
        var j = k + 1
        while let w = word(j), ["OR", "REPLACE", "TEMP", "TEMPORARY", "GLOBAL", "LOCAL", "UNIQUE", "UNLOGGED", "IF", "NOT", "EXISTS",
                                "DEFINER", "ALGORITHM", "SQL", "SECURITY", "EXTERNAL", "VIRTUAL", "CONSTRAINT"].contains(w) || tokens[j].text == "=" {
            j += 1
            if j > k + 8 { break }
        }
        return word(j) ?? ""
    }

    /// `COPY t TO PROGRAM 'cmd'` runs a shell command on the server; `TO 'file'` writes one.
    private func copy(from k: Int, into out: inout AnalysisBuilder) {
        guard let direction = find(["TO", "FROM"], from: k + 1) else { out.add(.read); return }
        if word(direction + 1) == "PROGRAM", direction + 2 < tokens.count, tokens[direction + 2].kind == .string {
            out.add(tokens[direction].text == "TO" ? [.write, .egress] : .write, text)
            _ = ShellWalker.analyze(tokens[direction + 2].text, depth: depth + 1, into: &out)
            return
        }
        if tokens[direction].text == "TO" {
            if direction + 1 < tokens.count, tokens[direction + 1].kind == .string {
                out.path(tokens[direction + 1].text)
                out.add(.write, text)
            } else {
                out.add(.read)
            }
        } else {
            out.add(.write, text)
        }
    }

    /// `EXEC xp_cmdshell 'cmd'` runs a command; `sp_configure 'xp_cmdshell', 1` enables that;
    /// `DO $$ ... $$` runs its body; other procedures are writes of unknown reach.
    private func procedure(from k: Int, into out: inout AnalysisBuilder) {
        let names = tokens.filter { $0.kind == .word }.map(\.text)
        let strings = tokens.filter { $0.kind == .string }.map(\.text)
        if names.contains("XP_CMDSHELL") && !names.contains("SP_CONFIGURE") {
            out.add(.privilege, text)
            if let command = strings.first { _ = ShellWalker.analyze(command, depth: depth + 1, into: &out) }
            return
        }
        if names.contains("SP_CONFIGURE") {
            let enables = strings.contains { $0.lowercased() == "xp_cmdshell" || TextSearch.contains($0.lowercased(), "ole automation") }
            out.add(enables ? .disableProtection : .write, text)
            return
        }
        if names.contains(where: { $0.hasPrefix("SP_ADD") && (TextSearch.contains($0, "LOGIN") || TextSearch.contains($0, "ROLE") || TextSearch.contains($0, "USER")) })
            || names.contains("SP_GRANTLOGIN") || names.contains("SP_ADDSRVROLEMEMBER") {
            out.add(.privilege, text)
            return
        }
        if tokens[k].text == "BEGIN", let next = word(k + 1) {
            classify(verb: next, at: k + 1, into: &out)
            return
        }
        if tokens[k].text == "DO" || tokens[k].text == "EXECUTE" || tokens[k].text == "EXEC" {
            // A dynamic statement or anonymous block: analyse its text as SQL.
            var analysed = false
            for body in strings where SQLStatementAnalyzer.startsWithStatement(body) || tokens[k].text == "DO" {
                SQLStatementAnalyzer.analyze(body, depth: depth + 1, into: &out)
                analysed = true
            }
            if analysed { return }
        }
        out.add(.write, text)
    }
}
