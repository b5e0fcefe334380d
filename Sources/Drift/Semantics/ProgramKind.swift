/// The rule family a program name belongs to: the lexicon behind `CommandLineAnalyzer`.
///
/// Names are matched exactly after directories are dropped; a few families also match
/// by prefix (`mkfs.ext4`, `python3.12`, `pip3.11`), see `ProgramKind.of(_:)`.
enum ProgramKind {
    // Wrappers: run the rest of the words as the program.
    case elevate        // sudo, doas, pkexec, run0
    case switchUser     // su, runuser
    case env, passThrough, timeout, nice, xargs, watch, flock, trace, chroot
    case shell          // sh, bash, zsh, ...
    case busybox
    case eval, source
    case python, node, perl, ruby, php, powershell, deno
    case sqlClient, sqlite, redis
    case ssh
    // Reads, and things that do nothing.
    case reader, echo, neutral, test, cd, find, history, unset, setOption, export
    /// `for`, `select`, `case` (the words up to the separator are a list, not a program)
    /// and the keywords that close a compound command.
    case listHeader
    // Files.
    case remove, removeDirectory, shred, dd, makeFilesystem, wipeFilesystem, partition, truncate
    case move, copy, link, tee, create, sed, chmod, chown, archive, editor, build, sshKeygen
    // Processes and the system.
    case kill, killByName, systemctl, service, shutdown, initLevel, crontab, at, rcLinks, launchctl
    case setenforce, ufw, iptables, nft, auditctl, apparmor, sysctl, userAdmin, userDelete, kernelModule, mount
    // Network.
    case curl, wget, httpie, scp, rsync, sftp, netcat, socat, mail, sshCopyId, scanner
    // Tools with subcommands.
    case git, docker, kubectl, terraform, helm, packageManager, adminCLI

    private static let table: [String: ProgramKind] = {
        var t: [String: ProgramKind] = [:]
        func add(_ kind: ProgramKind, _ names: [String]) { for n in names { t[n] = kind } }
        add(.elevate, ["sudo", "doas", "pkexec", "run0", "gosu", "su-exec"])
        add(.switchUser, ["su", "runuser"])
        add(.env, ["env"])
        add(.passThrough, ["nohup", "time", "exec", "command", "builtin", "setsid", "unbuffer", "stdbuf", "caffeinate",
                           "chrt", "taskset", "ionice", "proxychains", "proxychains4", "torsocks", "catchsegv", "faketime", "then",
                           "do", "else", "elif", "if", "while", "until", "!", "{", "}", "time", "coproc", "nsenter", "unshare"])
        add(.timeout, ["timeout", "gtimeout"])
        add(.nice, ["nice", "renice"])
        add(.xargs, ["xargs", "parallel"])
        add(.watch, ["watch"])
        add(.flock, ["flock"])
        add(.trace, ["strace", "ltrace", "valgrind", "gdb", "perf"])
        add(.chroot, ["chroot"])
        add(.shell, ["sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "fish", "tcsh", "csh", "yash", "rbash"])
        add(.busybox, ["busybox", "toybox"])
        add(.eval, ["eval"])
        add(.source, ["source", "."])
        add(.python, ["python", "python2", "python3", "pypy", "pypy3", "ipython", "ipython3"])
        add(.node, ["node", "nodejs", "bun"])
        add(.deno, ["deno"])
        add(.perl, ["perl", "perl5"])
        add(.ruby, ["ruby", "irb"])
        add(.php, ["php"])
        add(.powershell, ["pwsh", "powershell", "powershell.exe"])
        add(.sqlClient, ["psql", "mysql", "mariadb", "sqlcmd", "clickhouse-client", "cqlsh", "duckdb", "snowsql", "bq", "trino", "presto", "cockroach"])
        add(.sqlite, ["sqlite3", "sqlite"])
        add(.redis, ["redis-cli", "valkey-cli", "keydb-cli"])
        add(.ssh, ["ssh", "autossh", "mosh", "dbclient"])

        add(.reader, ["cat", "tac", "ls", "ll", "dir", "grep", "egrep", "fgrep", "rg", "ag", "ack", "head", "tail", "less", "more",
                      "ps", "pgrep", "pstree", "df", "du", "stat", "file", "wc", "sort", "uniq", "cut", "awk", "gawk", "mawk",
                      "nawk", "which", "whoami", "id", "groups", "uname", "hostname", "date", "cal", "printenv", "top", "htop",
                      "free", "uptime", "lsof", "netstat", "ss", "ip", "ifconfig", "route", "arp", "tree", "jq", "yq", "diff",
                      "cmp", "comm", "md5sum", "sha1sum", "sha256sum", "sha512sum", "cksum", "b2sum", "zcat", "zless", "bzcat",
                      "xzcat", "strings", "hexdump", "xxd", "od", "readlink", "realpath", "basename", "dirname", "locate",
                      "whereis", "type", "man", "info", "help", "lsblk", "blkid", "lscpu", "lspci", "lsusb", "lsmod",
                      "journalctl", "dmesg", "last", "lastlog", "w", "who", "users", "finger", "getent", "nproc", "vmstat",
                      "iostat", "mpstat", "sar", "column", "fold", "fmt", "nl", "pr", "paste", "join", "split", "csplit",
                      "tr", "expand", "unexpand", "rev", "shuf", "seq", "base64", "base32", "basenc",
                      "zgrep", "bat", "fd", "fzf", "pwd", "ping", "ping6", "traceroute", "tracepath", "mtr", "dig",
                      "nslookup", "host", "whois", "openssl", "gpg", "file", "identify", "exiftool", "pdftotext", "iconv",
                      "sum", "tput", "stty", "tty", "nvidia-smi", "sensors", "lsattr", "getfacl", "namei",
                      "mdfind", "findmnt", "look", "apropos", "whatis", "hash", "alias", "jobs", "fg", "bg", "dirs", "tldr",
                      "getconf", "locale", "timedatectl", "hostnamectl", "loginctl", "ulimit", "umask", "xmllint", "csvlook"])
        add(.echo, ["echo", "printf", "print"])
        add(.neutral, [":", "true", "false", "sleep", "wait", "exit", "return", "clear", "reset", "yes", "read", "shift",
                       "break", "continue", "trap", "function", "let", "mapfile", "readarray",
                       "pushd", "popd", "disown", "suspend", "logout", "tput", "sync", "beep"])
        add(.test, ["test", "[", "[["])
        add(.listHeader, ["for", "select", "case", "fi", "done", "esac", "in"])
        add(.cd, ["cd", "chdir"])
        add(.find, ["find", "gfind"])
        add(.history, ["history"])
        add(.unset, ["unset"])
        add(.setOption, ["set", "shopt"])
        add(.export, ["export", "declare", "typeset", "local", "readonly"])

        add(.remove, ["rm", "grm", "srm", "trash", "trash-put", "rimraf", "del", "erase", "rd"])
        add(.removeDirectory, ["rmdir"])
        add(.shred, ["shred", "unlink", "wipe", "scrub"])
        add(.dd, ["dd", "dcfldd", "dc3dd"])
        add(.makeFilesystem, ["mkfs", "mke2fs", "mkswap", "mkntfs", "newfs", "mkdosfs", "format"])
        add(.wipeFilesystem, ["wipefs", "blkdiscard", "sgdisk"])
        add(.partition, ["fdisk", "sfdisk", "gdisk", "cfdisk", "parted", "gparted"])
        add(.truncate, ["truncate", "fallocate"])
        add(.move, ["mv", "gmv", "rename"])
        add(.copy, ["cp", "gcp", "install", "ditto"])
        add(.link, ["ln"])
        add(.tee, ["tee"])
        add(.create, ["touch", "mkdir", "mktemp", "mkfifo", "mknod"])
        add(.sed, ["sed", "gsed"])
        add(.chmod, ["chmod"])
        add(.chown, ["chown", "chgrp", "setfacl", "setcap", "chattr", "chcon", "setfattr"])
        add(.archive, ["tar", "gtar", "bsdtar", "zip", "unzip", "7z", "7za", "unrar", "xz", "unxz", "bzip2", "bunzip2", "gzip", "gunzip",
                       "zstd", "unzstd", "cpio", "ar", "lz4"])
        add(.editor, ["vi", "vim", "nvim", "nano", "emacs", "ed", "ex", "pico", "micro", "code", "subl", "joe", "mcedit"])
        add(.build, ["make", "gmake", "cmake", "ninja", "gcc", "g++", "cc", "c++", "clang", "clang++", "swift", "swiftc",
                     "rustc", "javac", "java", "mvn", "gradle", "go", "tsc", "webpack", "bazel", "meson", "ld", "as",
                     "patch", "pytest", "jest", "mocha", "tox", "nox", "ruff", "black", "eslint", "prettier", "autoreconf",
                     "configure", "xcodebuild", "dotnet", "msbuild", "sbt", "lein", "mix", "elixir", "erl", "ghc", "stack"])
        add(.sshKeygen, ["ssh-keygen", "ssh-add", "gpg-agent"])

        add(.kill, ["kill"])
        add(.killByName, ["killall", "pkill", "killall5", "skill", "xkill", "fuser"])
        add(.systemctl, ["systemctl"])
        add(.service, ["service", "rc-service", "sv"])
        add(.shutdown, ["shutdown", "reboot", "halt", "poweroff"])
        add(.initLevel, ["init", "telinit"])
        add(.crontab, ["crontab"])
        add(.at, ["at", "batch"])
        add(.rcLinks, ["update-rc.d", "chkconfig", "rc-update", "systemd-run"])
        add(.launchctl, ["launchctl"])
        add(.setenforce, ["setenforce"])
        add(.ufw, ["ufw"])
        add(.iptables, ["iptables", "ip6tables", "iptables-legacy", "ip6tables-legacy", "iptables-nft", "firewall-cmd"])
        add(.nft, ["nft"])
        add(.auditctl, ["auditctl"])
        add(.apparmor, ["aa-disable", "aa-teardown", "aa-complain", "apparmor_parser"])
        add(.sysctl, ["sysctl"])
        add(.userAdmin, ["useradd", "usermod", "adduser", "groupadd", "groupmod", "gpasswd", "passwd", "chpasswd", "visudo",
                         "vipw", "vigr", "chsh", "chfn", "newusers", "addgroup", "chage", "pwconv", "newgrp", "sg"])
        add(.userDelete, ["userdel", "deluser", "groupdel", "delgroup"])
        add(.kernelModule, ["insmod", "modprobe", "rmmod", "kextload"])
        add(.mount, ["mount", "umount", "swapon", "swapoff", "losetup", "cryptsetup"])

        add(.curl, ["curl"])
        add(.wget, ["wget", "wget2"])
        add(.httpie, ["http", "https", "xh", "xhs"])
        add(.scp, ["scp", "pscp"])
        add(.rsync, ["rsync"])
        add(.sftp, ["sftp", "lftp", "ftp", "tftp", "telnet", "rlogin", "rsh", "smbclient"])
        add(.netcat, ["nc", "ncat", "netcat", "nc.traditional", "nc.openbsd", "pwncat"])
        add(.socat, ["socat"])
        add(.mail, ["mail", "mailx", "sendmail", "mutt", "neomutt", "msmtp", "ssmtp", "swaks", "sendemail", "s-nail"])
        add(.sshCopyId, ["ssh-copy-id"])
        add(.scanner, ["nmap", "masscan", "zmap", "hping3", "nikto", "sqlmap"])

        add(.git, ["git"])
        add(.docker, ["docker", "podman", "nerdctl", "docker-compose", "podman-compose"])
        add(.kubectl, ["kubectl", "oc", "k"])
        add(.terraform, ["terraform", "tofu", "pulumi", "terragrunt"])
        add(.helm, ["helm"])
        add(.packageManager, ["apt", "apt-get", "aptitude", "dpkg", "yum", "dnf", "zypper", "rpm", "apk", "pacman", "yay",
                              "snap", "flatpak", "brew", "port", "pip", "pip3", "pipx", "uv", "poetry", "pdm", "conda",
                              "mamba", "npm", "yarn", "pnpm", "gem", "bundle", "cargo", "composer", "nuget", "twine",
                              "choco", "winget", "scoop", "nix-env", "emerge", "opam", "cabal"])
        add(.adminCLI, ["aws", "gcloud", "gsutil", "az", "doctl", "heroku", "gh", "glab", "fly", "flyctl", "firebase",
                        "vercel", "netlify", "openstack", "virsh", "lxc", "incus", "vault", "consul", "nomad", "ansible",
                        "ansible-playbook", "s3cmd", "rclone", "mc", "wrangler", "supabase", "stripe", "twilio", "ibmcloud",
                        "oci", "linode-cli", "hcloud", "scw", "eksctl", "minikube", "kind", "k3d", "vagrant", "multipass",
                        "etcdctl", "nats", "kafka-topics", "gitlab", "jira", "slack"])
        return t
    }()

    /// The family of `name`, or nil for a program none of the rules knows.
    static func of(_ name: String) -> ProgramKind? {
        if let kind = table[name] { return kind }
        // Versioned and suffixed names: python3.12, pip3.11, mkfs.ext4, node18.
        if name.hasPrefix("mkfs.") || name.hasPrefix("mke2fs") || name.hasPrefix("mkfs_") { return .makeFilesystem }
        if name.hasPrefix("python") || name.hasPrefix("pypy") { return .python }
        if name.hasPrefix("pip") { return .packageManager }
        if name.hasPrefix("node") { return .node }
        if name.hasPrefix("perl5") { return .perl }
        if name.hasPrefix("ruby") { return .ruby }
        if name.hasPrefix("php") && name.utf8.dropFirst(3).allSatisfy({ $0 &- 0x30 < 10 || $0 == 0x2E }) { return .php }
        if name.hasPrefix("fsck") { return .partition }
        return nil
    }
}
