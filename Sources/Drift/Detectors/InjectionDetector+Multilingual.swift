/// The `.multilingual` family: override phrases in other languages.
///
/// Latin-script languages (Spanish, French, German, Italian, Portuguese) use the same
/// grammar as the English override: a verb of dismissal, up to four fillers, an optional
/// time word, a noun for instructions, an optional time word after it (Romance word
/// order), and a time word, a quantifier or a possessive somewhere:
/// "ignora todas las instrucciones anteriores", "ignorez les instructions
/// précédentes", "ignoriere alle vorherigen Anweisungen", "ignora le istruzioni
/// precedenti", "ignore as instruções anteriores". Accented letters are matched as their
/// UTF-8 bytes, lower case only after the first letter.
///
/// Chinese, Japanese and Russian are matched by their UTF-8 bytes from the first byte of
/// the phrase (the scanner dispatches the lead bytes 0xD0, 0xE3–0xE6): `忽略` / `无视` /
/// `忽视` / `忘记` / `不要理会` with `之前` / `以前` / `上述` / `以上` / `前面` / `先前` /
/// `所有` or an instruction noun (`指令`, `指示`, `提示`, `规则`, `命令`, `说明`) within
/// 24 bytes; `指示を無視` / `命令を無視` / `指示を忘れ` / `プロンプトを無視`, `以前の指示`
/// and `上記の指示`; `игнорируй(те)` / `проигнорируй(те)` / `забудь(те)` (either case of
/// the first letter) with `инструкци…` / `указани…` / `правил…` / `команд…` within 80 bytes.
extension InjectionDetector {
    static let multilingualLeadWords: [StaticString] = multiVerbs

    static let multiVerbs: [StaticString] = [
        // es, pt, it
        "ignora", "ignore", "ignorar", "ignoren", "olvida", "olvide", "olvidad", "descarta", "esqueça", "esqueca", "esquece",
        "desconsidere", "desconsidera", "dimentica", "dimenticate", "ignorate", "tralascia",
        // fr
        "ignorez", "ignore", "oubliez", "oublie", "ne",
        // de
        "ignoriere", "ignorieren", "ignoriert", "vergiss", "vergessen", "missachte", "missachten",
    ]
    static let multiFillers: [StaticString] = [
        "todas", "todos", "las", "los", "toutes", "tous", "les", "vos", "tes", "alle", "die", "deine", "ihre", "sie", "tutte",
        "tutti", "le", "gli", "as", "os", "sus", "tus", "suas", "tuas", "mes", "de", "das", "der", "lo", "todo", "tenez",
        "pas", "compte", "des", "la", "el", "i", "tue", "le", "dich", "bitte", "por", "favor", "s'il", "vous", "plaît",
    ]
    static let multiQuantifiers: [StaticString] = [
        "todas", "todos", "toutes", "tous", "alle", "tutte", "tutti", "vos", "tes", "deine", "ihre", "sus", "tus", "suas",
        "tuas", "tue",
    ]
    static let multiTimes: [StaticString] = [
        "anteriores", "previas", "previos", "précédentes", "precedentes", "précédente", "antérieures", "anterieures",
        "precedenti", "anteriori", "previe", "vorherigen", "bisherigen", "obigen", "vorigen", "früheren", "vorangegangenen",
        "ursprünglichen", "originales", "originali", "originais", "iniciales", "initiales", "iniziali", "ci-dessus",
        "sopra", "arriba", "acima", "oben",
    ]
    static let multiNouns: [StaticString] = [
        "instrucciones", "instructions", "anweisungen", "instruktionen", "befehle", "regeln", "istruzioni", "instruções",
        "instrucoes", "indicaciones", "consignes", "règles", "regles", "directives", "órdenes", "ordenes", "indicazioni",
        "regole", "regras", "reglas", "direttive", "richtlinien", "vorgaben", "anordnungen", "orientações", "diretrizes",
        "directrices", "comandos", "commandes", "comandi", "prompts", "indications",
    ]

    static func multilingual(_ t: ByteText, _ i: Int, _ c: UInt8) -> Int? {
        guard var k = t.word(at: i, in: multiVerbs) else { return nil }
        var strong = false
        for _ in 0..<4 {
            guard let next = t.nextWord(after: k), let end = t.word(at: next, in: multiFillers) else { break }
            strong = strong || t.word(at: next, in: multiQuantifiers) != nil
            k = end
        }
        guard var next = t.nextWord(after: k) else { return nil }
        if let end = t.word(at: next, in: multiTimes) {
            strong = true
            guard let after = t.nextWord(after: end) else { return nil }
            next = after
        }
        guard let nounEnd = t.word(at: next, in: multiNouns) else { return nil }
        if let after = t.nextWord(after: nounEnd), let end = t.word(at: after, in: multiTimes) { return end }
        return strong ? nounEnd : nil
    }

    // MARK: Scripts without spaces or ASCII case

    static let cjkVerbs: [StaticString] = ["忽略", "无视", "忽视", "忘记", "不要理会", "忘掉", "無視"]
    static let cjkObjects: [StaticString] = [
        "之前", "以前", "上述", "以上", "前面", "先前", "所有", "指令", "指示", "提示", "规则", "命令", "说明", "規則",
    ]
    static let japanesePhrases: [StaticString] = [
        "指示を無視", "命令を無視", "指示を忘れ", "プロンプトを無視", "以前の指示", "上記の指示", "前の指示を", "指令を無視",
    ]
    static let russianVerbs: [StaticString] = [
        "игнорируй", "Игнорируй", "проигнорируй", "Проигнорируй", "забудь", "Забудь", "игнорировать", "Игнорировать",
    ]
    static let russianNouns: [StaticString] = ["инструкци", "указани", "правил", "команд", "предыдущ"]

    /// The lead bytes the scanner sends to `multibyte(in:at:)`.
    static func isMultibyteLead(_ b: UInt8) -> Bool { b == 0xD0 || (b >= 0xE3 && b <= 0xE6) }

    /// A phrase in Chinese, Japanese or Russian starting at the lead byte at `i`.
    static func multibyte(in t: ByteText, at i: Int) -> Match? {
        let b = t.base[i]
        if b == 0xD0 {
            // Russian: a word start (not inside a Cyrillic word).
            let before = t[i - 1]
            guard i == 0 || before < 0x80 && !Byte.isAlnum(before) else { return nil }
            for verb in russianVerbs where t.matches(verb, at: i) {
                let from = i + verb.utf8CodeUnitCount
                if let end = find(russianNouns, in: t, from: from, within: 80) { return Match(.multilingual, i..<end) }
                return nil
            }
            return nil
        }
        for phrase in japanesePhrases where t.matches(phrase, at: i) {
            return Match(.multilingual, i..<(i + phrase.utf8CodeUnitCount))
        }
        for verb in cjkVerbs where t.matches(verb, at: i) {
            let from = i + verb.utf8CodeUnitCount
            if let end = find(cjkObjects, in: t, from: from, within: 24) { return Match(.multilingual, i..<end) }
            return nil
        }
        return nil
    }

    /// The end of the first of `literals` starting in `from..<from + within`.
    private static func find(_ literals: [StaticString], in t: ByteText, from: Int, within: Int) -> Int? {
        let limit = Swift.min(t.count, from + within)
        var k = from
        while k < limit {
            for literal in literals where t.matches(literal, at: k) { return k + literal.utf8CodeUnitCount }
            k += 1
        }
        return nil
    }
}
