import Testing
@testable import Drift

@Suite("Tool names: words and the verb lexicon")
struct ToolMeaningTests {
    @Test("names split into the same words whatever their convention", arguments: [
        ("MailSendMessage", ["mail", "send", "message"]),
        ("slack.post_message", ["slack", "post", "message"]),
        ("github__create_issue", ["github", "create", "issue"]),
        ("send-message", ["send", "message"]),
        ("listFiles", ["list", "files"]),
        ("HTTPRequest", ["http", "request"]),
        ("getS3Object", ["get", "s3", "object"]),
        ("calendar.events.insert", ["calendar", "events", "insert"]),
        ("mcp/filesystem/write_file", ["mcp", "filesystem", "write", "file"]),
        ("___", []),
        ("", []),
    ])
    func words(name: String, expected: [String]) {
        #expect(ToolWords.words(of: name) == expected)
    }

    @Test("a 100 KB name or one of separators only costs a bounded number of words")
    func hostileNames() {
        #expect(ToolWords.words(of: String(repeating: "SendMail", count: 12_800)).count == ToolWords.maximumWords)
        #expect(ToolWords.words(of: String(repeating: "._-", count: 40_000)).isEmpty)
        let invalid = String(decoding: [0xff, 0xfe, 0x73, 0x65, 0x6e, 0x64, 0xc3], as: UTF8.self)
        _ = ToolMeaning.infer(fromName: invalid)
    }

    @Test("the verb decides the action class, whatever the naming convention", arguments: [
        // read
        ("read_inbox", ActionClass.read), ("GmailReadEmail", .read), ("fetch_unread_messages", .read), ("list_posts", .read),
        ("get_post", .read), ("get_transfer_status", .read), ("list_deleted_files", .read), ("slack.conversations.history", .read),
        ("searchContacts", .read), ("describe-instances", .read), ("get_balance", .read), ("query_database", .read),
        ("open_url", .read), ("download_attachment", .read),
        // write
        ("write_file", .write), ("calendar.events.insert", .write), ("update-ticket", .write), ("draftEmail", .write),
        ("create_issue", .write), ("rename_file", .write),
        // destroy
        ("delete_file", .destroy), ("FileDeletion", .destroy), ("DiskWipe", .destroy), ("remove_member", .destroy),
        ("drop_table", .destroy), ("kubernetes__delete_pod", .destroy), ("purgeQueue", .destroy), ("cancel_subscription", .destroy),
        // communicate
        ("send_email", .communicate), ("MailSendMessage", .communicate), ("slack.post_message", .communicate),
        ("slack.chat.postMessage", .communicate), ("reply_to_email", .communicate), ("forward-message", .communicate),
        ("publishPost", .communicate), ("notify_user", .communicate), ("upload_file", .communicate), ("git_push", .communicate),
        // transfer value
        ("BankTransferFunds", .transferValue), ("FundsTransfer", .transferValue), ("pay_invoice", .transferValue),
        ("send_money", .transferValue), ("create_payment", .transferValue), ("place_order", .transferValue),
        ("buyStock", .transferValue), ("issue_refund", .transferValue), ("venmo.send_payment", .transferValue),
        // grant access
        ("grant_access", .grantAccess), ("add_collaborator", .grantAccess), ("invite_user", .grantAccess),
        ("set_permissions", .grantAccess), ("PasswordReset", .grantAccess), ("update_user_role", .grantAccess),
        ("unlock_account", .grantAccess),
        // execute
        ("ShellRun", .execute), ("bash", .execute), ("execute_python", .execute), ("run_command", .execute), ("terminal", .execute),
        ("sql", .execute), ("run_query", .execute),
        // actuate
        ("unlock_door", .actuate), ("turn_on_light", .actuate), ("set_thermostat", .actuate), ("disarm_alarm", .actuate),
        ("stop_instance", .actuate), ("SmartLockUnlock", .actuate),
    ])
    func actionClass(name: String, expected: ActionClass) throws {
        let meaning = try #require(ToolMeaning.infer(fromName: name), "no meaning for \(name)")
        #expect(meaning.action == expected, "\(name): \(meaning.action) by \"\(meaning.verb)\"")
    }

    @Test("names with no known verb or object are unknown", arguments: ["calculator", "foo_bar", "zz9", "weather"])
    func unknown(name: String) {
        #expect(ToolMeaning.infer(fromName: name) == nil)
    }

    @Test("reading mail, chat, the web or comments is a read of untrusted content; a local file is not", arguments: [
        ("read_inbox", true), ("fetch_unread_messages", true), ("browse_web", true), ("get_issue_comments", true),
        ("slack.conversations.history", true), ("download_file", true), ("read_file", false), ("list_files", false),
        ("get_balance", false),
    ])
    func untrusted(name: String, expected: Bool) throws {
        #expect(try #require(ToolMeaning.infer(fromName: name)).readsUntrustedContent == expected)
    }

    @Test("what a read exposes follows its objects", arguments: [
        ("get_api_key", DataExposure.credentials), ("list_passwords", .credentials), ("get_customer", .sensitive),
        ("search_patients", .sensitive), ("get_account_balance", .sensitive), ("list_files", .none), ("read_inbox", .none),
    ])
    func exposure(name: String, expected: DataExposure) throws {
        #expect(try #require(ToolMeaning.infer(fromName: name)).exposes == expected)
    }

    @Test("a description decides when the name has no verb")
    func description() throws {
        let meaning = try #require(ToolMeaning.infer(fromDescription: "Sends an e-mail message to one or more recipients."))
        #expect(meaning.action == .communicate)
        #expect(meaning.objects.contains(.mail))
        let declaration = ToolDeclaration(name: "gmail", description: "Permanently deletes the messages matching a query")
        #expect(declaration.meaning?.action == .destroy)
    }

    @Test("MCP annotations beat the name: read-only, destructive, not destructive")
    func annotations() {
        #expect(ToolDeclaration(name: "update_record", readOnly: true).meaning?.action == .read)
        #expect(ToolDeclaration(name: "sync_folder", destructive: true).meaning?.action == .destroy)
        #expect(ToolDeclaration(name: "clear_cache", destructive: false).meaning?.action == .write)
        let openWorld = ToolDeclaration(name: "lookup_company", readOnly: true, openWorld: true)
        #expect(openWorld.meaning?.readsUntrustedContent == true)
        // A default that MCP leaves implicit is not evidence: no annotations, the name decides.
        #expect(ToolDeclaration(name: "write_note").meaning?.action == .write)
    }
}
