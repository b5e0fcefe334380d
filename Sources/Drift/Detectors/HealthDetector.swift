/// Finds medical and genetic details: two distinct health terms within `window` bytes.
///
/// Terms, without case, at a word start, grouped into concepts (two words of one
/// concept, "diagnosis" and "diagnosed", count once): diagnosis / diagnosed;
/// prescription / prescribed; medication; blood type / blood group; HIV; genotype /
/// genetic; BRCA / BRCA1 / BRCA2; allergy / allergic; patient ID / patient number /
/// medical record / MRN; ICD-10 and ICD-10 codes (`E11.9`, `J45.909`: a capital, two
/// digits, a dot, one to four letters or digits); a dose (`mg` after a number and a space, `20 mg`);
/// and a condition or treatment (diabetes, hypertension, asthma, cancer, chemotherapy,
/// hepatitis, epilepsy, depression, schizophrenia, bipolar, dementia, carcinoma, tumor,
/// leukemia, insulin, dosage).
///
/// One term is not enough: "our diagnosis of the outage" or "a 20 mg tablet" alone stay
/// quiet.
enum HealthDetector {
    static let window = 200

    /// The terms a match may start with. Terms whose first three letters open common words
    /// ("can", "general", "install", "deploy") are left out: they still count as the second
    /// term, and a scan does not stop at every "can".
    static let leadWords: [StaticString] = [
        "diagnosis", "diagnosed", "prescription", "prescribed", "medication", "blood", "hiv", "brca", "allergy", "allergic",
        "patient", "medical", "mrn", "icd", "mg", "diabetes", "hypertension", "asthma", "chemotherapy", "hepatitis",
        "epilepsy", "schizophrenia", "bipolar", "dementia", "carcinoma", "tumor", "tumour", "leukemia", "dosage",
    ]
    private static let concepts: [[StaticString]] = [
        ["diagnosis", "diagnoses", "diagnosed"],
        ["prescription", "prescriptions", "prescribed"],
        ["medication", "medications"],
        [],  // blood type / group: a phrase
        ["hiv", "hiv-positive"],
        ["genotype", "genotyped", "genetic"],
        ["brca", "brca1", "brca2"],
        ["allergy", "allergies", "allergic"],
        ["mrn"],  // and patient ID, medical record: phrases
        ["icd-10", "icd10", "icd-9"],
        [],  // dose: mg after a number
        [
            "diabetes", "hypertension", "asthma", "cancer", "chemotherapy", "hepatitis", "epilepsy", "depression",
            "schizophrenia", "bipolar", "dementia", "carcinoma", "tumor", "tumour", "leukemia", "insulin", "dosage",
        ],
    ]

    /// The first term at `i` and a second, distinct one within the window.
    static func match(in t: ByteText, at i: Int) -> Match? {
        guard let (concept, end) = term(t, i) else { return nil }
        let limit = Swift.min(t.count, end + window)
        var j = end
        while j < limit {
            let b = t.base[j]
            if Byte.isLetter(b) && t.isWordStart(j), let (other, otherEnd) = term(t, j), other != concept {
                return Match(.health, i..<otherEnd)
            }
            j += 1
        }
        return nil
    }

    /// The concept and end of a health term at the word start `i`.
    static func term(_ t: ByteText, _ i: Int) -> (Int, Int)? {
        let b = t.base[i]
        if Byte.isUpper(b), let end = icdCode(t, i) { return (9, end) }
        if b | 0x20 == UInt8(ascii: "m"), t.matchesFolded("mg", at: i), !Byte.isLetter(t[i + 2]) {
            // A dose: "20 mg" or "20mg".
            var k = i
            if Byte.isBlank(t[k - 1]) { k -= 1 }
            return Byte.isDigit(t[k - 1]) ? (10, i + 2) : nil
        }
        for (index, words) in concepts.enumerated() {
            if let end = t.word(at: i, in: words) { return (index, end) }
        }
        if let blood = t.word(at: i, "blood"), let next = t.nextWord(after: blood),
           let end = t.word(at: next, "type") ?? t.word(at: next, "group")
        {
            return (3, end)
        }
        if let patient = t.word(at: i, "patient") ?? t.word(at: i, "medical"), let next = t.nextWord(after: patient),
           let end = t.word(at: next, "id") ?? t.word(at: next, "number") ?? t.word(at: next, "record") ?? t.word(at: next, "no")
        {
            return (8, end)
        }
        return nil
    }

    /// An ICD-10 code at `i`: a capital, two digits, a dot and one to four alphanumerics.
    private static func icdCode(_ t: ByteText, _ i: Int) -> Int? {
        guard Byte.isDigit(t[i + 1]), Byte.isDigit(t[i + 2]), t[i + 3] == 0x2E, Byte.isAlnum(t[i + 4]) else { return nil }
        let end = t.skip(from: i + 4, limit: i + 8, while: Byte.isAlnum)
        return Byte.isAlnum(t[end]) || t[end] == 0x2E && Byte.isDigit(t[end + 1]) ? nil : end
    }
}
