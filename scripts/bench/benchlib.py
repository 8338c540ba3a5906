#!/usr/bin/env python3
"""Helpers of scripts/bench-proxy.sh (measurement from /proc; no third-party modules).

  benchlib.py snap OUT                      all processes: {pid: [ppid, cpu ticks incl. reaped children, start]}
  benchlib.py foreign A B ROOTPID           CPU ticks used between snapshots A and B by processes that are not
                                            ROOTPID or its descendants (load this benchmark did not create)
  benchlib.py quiet ROOTPID MAX WAIT_S      sample the foreign load (% of one core, 1 s samples) until it is
                                            below MAX or WAIT_S seconds have passed; prints "LOAD WAITED_S"
  benchlib.py ticks PID                     utime+stime ticks of PID and all its live descendants
  benchlib.py pss PID                       Pss (kB) of PID and all its live descendants (smaps_rollup)
  benchlib.py sample PID OUT MAX_S KIND [TRACK_S|- [INTERVAL_S]]
                                            every INTERVAL_S (0.5) s until SIGTERM or MAX_S (peaks only in the first TRACK_S
                                            seconds, when given): track the peak Pss of the
                                            server's process tree and its transactions in use (KIND =
                                            node:MGMT_PORT or kamailio:CTL_ADDR); rewrites OUT each time as
                                            "key=value ..." (pss0_kb pss_peak_kb inuse_peak shm0 shm_peak)
  benchlib.py step DIR SIDE RATE CALLS T0 T1 S0 S1 SNAP0 SNAP1 ROOT DROPS WAITED BGLOAD
                                            one result line of a load step (key=value, parsed by the script)
"""
import json, os, signal, subprocess, sys, time, urllib.request

TCK = os.sysconf('SC_CLK_TCK')


def stat_fields(pid):
    s = open(f'/proc/{pid}/stat').read()
    return s[s.rindex(')') + 2:].split()   # f[0] = state, f[1] = ppid, f[11] utime, f[12] stime, f[19] start


def snap():
    d = {}
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            f = stat_fields(p)
        except (OSError, ValueError):
            continue
        d[int(p)] = [int(f[1]), int(f[11]) + int(f[12]) + int(f[13]) + int(f[14]), int(f[19])]
    d[0] = [0, 0, int(float(open('/proc/uptime').read().split()[0]) * TCK)]
    cpu = open('/proc/stat').readline().split()[1:]          # user nice system idle iowait irq softirq steal
    d[-1] = [0, sum(int(x) for i, x in enumerate(cpu[:8]) if i not in (3, 4)), 0]   # busy ticks, all CPUs
    return d


def foreign(a, b, root):
    """Ticks of CPU the machine spent (/proc/stat) minus what ROOTPID's process tree spent (utime+stime and
    the children it reaped, per process), between snapshots A and B. (Summing other processes' own deltas
    instead over-counts: a process that reaps a long-lived child gets all that child's CPU at once.)"""
    a = dict(a); b = dict(b)
    t_a = a.pop(0)[2]
    b.pop(0)
    busy_a, busy_b = a.pop(-1, None), b.pop(-1, None)
    ours = {root}
    for snapd in (a, b):
        changed = True
        while changed:
            changed = False
            for pid, (ppid, _, _) in snapd.items():
                if ppid in ours and pid not in ours:
                    ours.add(pid); changed = True
    if busy_a is not None and busy_b is not None:
        mine = 0
        for pid, (ppid, t, start) in b.items():
            if pid not in ours:
                continue
            mine += t - a[pid][1] if pid in a and a[pid][2] == start else t
        return max(0, busy_b[1] - busy_a[1] - mine)
    tot = 0
    for pid, (ppid, t, start) in b.items():
        if pid in ours or pid == os.getpid():
            continue
        if pid in a and a[pid][2] == start:
            tot += t - a[pid][1]
        elif start >= t_a - 1:          # started after snapshot A
            tot += t
    return tot


def tree(pid):
    kids = {}
    for p in os.listdir('/proc'):
        if p.isdigit():
            try:
                kids.setdefault(int(stat_fields(p)[1]), []).append(int(p))
            except (OSError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def ticks(pid):
    t = 0
    for p in tree(pid):
        try:
            f = stat_fields(p)
            t += int(f[11]) + int(f[12])
        except (OSError, ValueError):
            pass
    return t


def pss(pid):
    kb = 0
    for p in tree(pid):
        try:
            for line in open(f'/proc/{p}/smaps_rollup'):
                if line.startswith('Pss:'):
                    kb += int(line.split()[1])
                    break
        except OSError:
            pass
    return kb


def kamcmd(addr, cmd):
    out = subprocess.run(['kamcmd', '-s', addr, cmd], capture_output=True, text=True, timeout=5).stdout
    d = {}
    for line in out.splitlines():
        if ':' in line:
            k, v = line.split(':', 1)
            try:
                d[k.strip()] = int(v.strip())
            except ValueError:
                pass
    return d


def server_state(kind):
    """(transactions in use, shared memory real_used bytes or None) of the server under test."""
    what, arg = kind.split(':', 1)
    try:
        if what == 'node':
            with urllib.request.urlopen(f'http://127.0.0.1:{arg}/statistics/tm', timeout=2) as r:
                return int(json.load(r)['statistics']['inuse_transactions']), None
        return kamcmd(arg, 'tm.stats').get('current', -1), kamcmd(arg, 'core.shmmem').get('real_used', -1)
    except Exception:
        return -1, None


def sample(pid, out, max_s, kind, track_s=None, interval=0.5):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    t_end = time.time() + max_s
    if track_s is not None:
        t_end = min(t_end, time.time() + track_s)
    r = {'pss0_kb': pss(pid), 'pss_peak_kb': 0, 'inuse0': -1, 'inuse_peak': -1, 'shm0': -1, 'shm_peak': -1,
         'samples': 0}
    first = True
    while not stop and time.time() < t_end:
        kb = pss(pid)
        inuse, shm = server_state(kind) if kind != '-' else (-1, None)
        if first:
            r['inuse0'] = inuse
            r['shm0'] = shm if shm is not None else -1
            first = False
        r['pss_peak_kb'] = max(r['pss_peak_kb'], kb)
        r['inuse_peak'] = max(r['inuse_peak'], inuse)
        if shm is not None:
            r['shm_peak'] = max(r['shm_peak'], shm)
        r['samples'] += 1
        with open(out + '.tmp', 'w') as f:
            f.write(' '.join(f'{k}={v}' for k, v in r.items()) + '\n')
        os.replace(out + '.tmp', out)
        for _ in range(max(1, int(interval * 10))):
            if stop:
                break
            time.sleep(0.1)


def last_row(path):
    rows = [l.rstrip('\n').split(';') for l in open(path) if l.strip()]
    return dict(zip(rows[0], rows[-1]))


def step(d, side, rate, calls, t0, t1, s0, s1, snap0, snap1, root, drops, waited, bgload):
    a = last_row(os.path.join(d, 'uac_stat.csv'))
    try:
        b = last_row(os.path.join(d, 'uas_stat.csv'))
    except Exception:
        b = {}
    ok, fail = int(a['SuccessfulCall(C)']), int(a['FailedCall(C)'])
    created = int(a['TotalCallCreated'])
    wall = float(t1) - float(t0)
    scpu = (int(s1) - int(s0)) / TCK
    sa = {int(k): v for k, v in json.load(open(snap0)).items()}
    sb = {int(k): v for k, v in json.load(open(snap1)).items()}
    fg = foreign(sa, sb, int(root))
    sa.pop(-1, None); sb.pop(-1, None)

    def child_cpu(path):  # 2nd line of bash `times`: children user/sys, e.g. "0m1.234s 0m0.5s"
        t = 0.0
        for x in open(path).read().split('\n')[1].split():
            m, sec = x.rstrip('s').split('m')
            t += int(m) * 60 + float(sec)
        return t

    def tree_cpu(name):   # CPU of the SIPp UAC (bash `times` around it) or UAS (pid file), seconds
        if name == 'uac':
            return child_cpu(os.path.join(d, 'times1')) - child_cpu(os.path.join(d, 'times0'))
        try:
            pid = int(open(os.path.join(d, name + '.pid')).read())
        except Exception:
            return 0.0
        return (sb.get(pid, [0, 0])[1] - sa.get(pid, [0, 0])[1]) / TCK
    mem = {}
    try:
        for kv in open(os.path.join(d, 'mem.txt')).read().split():
            k, v = kv.split('=')
            mem[k] = int(v)
    except Exception:
        pass
    retr_a = int(a.get('Retransmissions(C)', 0))
    retr_b = int(b.get('Retransmissions(C)', 0) or 0)
    r = dict(side=side, rate=rate, calls=calls, created=created, ok=ok, failed=fail,
             unfinished=created - ok - fail, achieved=round(ok / wall) if wall > 0 else 0,
             wall_s=round(wall, 2), retrans_uac=retr_a, retrans_uas=retr_b,
             failed_uas=b.get('FailedCall(C)', '?'),
             server_cpu_pct=round(100 * scpu / wall) if wall > 0 else 0,
             server_us_per_call=round(1e6 * scpu / ok) if ok else 0,
             server_cpu_s=round(scpu, 2),
             uac_cpu_pct=round(100 * tree_cpu('uac') / wall), uas_cpu_pct=round(100 * tree_cpu('uas') / wall),
             other_cpu_pct=round(100 * fg / TCK / wall), bg_before_pct=bgload, waited_s=waited,
             udp_drops=drops, peak_mb=round(mem.get('pss_peak_kb', 0) / 1024, 1),
             shm_peak_mb=round(mem['shm_peak'] / 1048576, 1) if mem.get('shm_peak', -1) >= 0 else '-',
             inuse_peak=mem.get('inuse_peak', -1))
    print(' '.join(f'{k}={v}' for k, v in r.items()))


def read_kv(path):
    rows = []
    for line in open(path):
        d = {}
        for kv in line.split():
            if '=' in kv:
                k, v = kv.split('=', 1)
                d[k] = v
        if d:
            rows.append(d)
    return rows


def table(results, fixed_rate):
    rows = read_kv(results)
    steps = [r for r in rows if r.get('kind', 'step') == 'step']
    mems = [r for r in rows if r.get('kind') == 'mem']
    clean = lambda r: (r['failed'] == '0' and r['unfinished'] == '0' and r['created'] == r['calls']
                       and r.get('server_exited', '0') == '0')
    def ceiling(side):
        rs = [r for r in steps if r['side'] == side]
        ok = [int(r['rate']) for r in rs if clean(r)]
        top = max(ok) if ok else 0
        tried_above = any(int(r['rate']) > top for r in rs)
        return top, (not tried_above and bool(ok))   # (highest clean rate, clean at every rate tried)
    sipp_top, sipp_open = ceiling('direct')
    print()
    print('SIPp alone (UAC -> UAS direct, no proxy): highest clean rate %s calls/s%s' % (
        sipp_top, ' (clean at every rate tried: the ceiling is at least this)' if sipp_open else ''))
    print()
    hdr = ('side', 'rate', 'calls', 'ok', 'failed', 'unfin', 'retr uac/uas', 'achieved/s', 'srv CPU%',
           'srv us/call', 'uac/uas CPU%', 'other CPU%', 'peak MB', 'udp drops', 'limit')
    fmt = '%-13s %6s %7s %7s %6s %5s %12s %10s %8s %11s %12s %10s %12s %9s  %s'
    print(fmt % hdr)
    for r in steps:
        if r.get('server_exited') == '1':
            lim = 'the server EXITED during the run'
        elif clean(r):
            lim = 'clean'
        elif r['side'] == 'direct':
            lim = 'SIPp itself'
        elif sipp_top and int(r['rate']) > sipp_top and not sipp_open:
            lim = 'SIPp (above its direct ceiling %d)' % sipp_top
        elif max(int(r['uac_cpu_pct']), int(r['uas_cpu_pct'])) >= 95:
            lim = 'SIPp CPU-bound? (server %s%%)' % r['server_cpu_pct']
        else:
            lim = 'server'
        if int(r['other_cpu_pct']) >= 30:
            lim += ' [+%s%% other load]' % r['other_cpu_pct']
        peak = r['peak_mb'] if r['side'] != 'direct' else '-'
        if r.get('shm_peak_mb', '-') != '-':
            peak = '%s(shm %s)' % (r['peak_mb'], r['shm_peak_mb'])
        print(fmt % (r['side'], r['rate'], r['calls'], r['ok'], r['failed'], r['unfinished'],
                     '%s/%s' % (r['retrans_uac'], r['retrans_uas']), r['achieved'],
                     r['server_cpu_pct'] if r['side'] != 'direct' else '-',
                     r['server_us_per_call'] if r['side'] != 'direct' else '-',
                     '%s/%s' % (r['uac_cpu_pct'], r['uas_cpu_pct']), r['other_cpu_pct'], peak, r['udp_drops'], lim))
    ours, ours_open = ceiling('ours')
    ge = lambda o: '>=' if o else ''
    # Kamailio-TLSF (-x tlsf -X tlsf) is the reference the targets are set against; other allocators follow.
    kam_sides = sorted({r['side'] for r in steps if r['side'].startswith('kamailio')},
                       key=lambda s: (s != 'kamailio-tlsf', s))
    for kside in kam_sides:
        name = 'Kamailio-' + kside.split('-', 1)[1].upper() if '-' in kside else 'Kamailio'
        target = kside == 'kamailio-tlsf'
        print()
        kam, kam_open = ceiling(kside)
        if kam:
            print('Highest clean rate: ours %s%d, %s %s%d calls/s -> ratio ours/%s = %.2f%s%s' % (
                ge(ours_open), ours, name, ge(kam_open), kam, name, ours / kam,
                ' (target >= 1.0)' if target else '',
                ' (a side clean at every rate tried: only a bound)' if ours_open or kam_open else ''))
        else:
            print('Highest clean rate: ours %d, %s none clean: no ratio' % (ours, name))
        both = sorted(set(int(r['rate']) for r in steps if r['side'] == 'ours' and clean(r)) &
                      set(int(r['rate']) for r in steps if r['side'] == kside and clean(r)))
        rate = fixed_rate if fixed_rate in both else (max(both) if both else None)
        if rate is None:
            print('CPU per call: no rate that ours and %s both completed cleanly: no ratio' % name)
        else:
            # RATES may name a rate several times ("2000 2000 2000"): the sides alternate run by run, so the i-th
            # clean run of each side shared its background; the ratio is the median of those pairs.
            os_ = [r for r in steps if r['side'] == 'ours' and int(r['rate']) == rate and clean(r)]
            ks = [r for r in steps if r['side'] == kside and int(r['rate']) == rate and clean(r)]
            pairs = [(int(o['server_us_per_call']), int(k['server_us_per_call'])) for o, k in zip(os_, ks)]
            ratios = sorted(o / max(1, k) for o, k in pairs)
            median = ratios[len(ratios) // 2] if len(ratios) % 2 else (ratios[len(ratios) // 2 - 1] + ratios[len(ratios) // 2]) / 2
            note = '' if rate == fixed_rate else ' (FIXED_RATE %d not clean on both sides; highest common clean rate used)' % fixed_rate
            if len(pairs) == 1:
                print('Server CPU per completed call at %d calls/s: ours %d us, %s %d us -> ratio ours/%s = %.2f%s%s' % (
                    rate, pairs[0][0], name, pairs[0][1], name, median, ' (target <= 1.0)' if target else '', note))
            else:
                print('Server CPU per completed call at %d calls/s, %d runs each: ours %s us, %s %s us -> ratios %s, median ours/%s = %.2f%s%s' % (
                    rate, len(pairs), '/'.join(str(o) for o, _ in pairs), name, '/'.join(str(k) for _, k in pairs),
                    ' '.join('%.2f' % (o / max(1, k)) for o, k in pairs), name, median,
                    ' (target <= 1.0)' if target else '', note))
    print()
    for r in rows:
        if r.get('kind') == 'idle':
            print('Idle CPU of %s (after its warm-up, no calls, %s s): %s%% of one core' % (r['side'], r['seconds'], r['pct']))
    for m in mems:
        print('Memory per 10,000 open transactions, %s: %s' % (m['side'], m['summary'].replace('_', ' ')))


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'snap':
        json.dump(snap(), open(args[0], 'w'))
    elif cmd == 'foreign':
        print(foreign({int(k): v for k, v in json.load(open(args[0])).items()},
                      {int(k): v for k, v in json.load(open(args[1])).items()}, int(args[2])))
    elif cmd == 'quiet':
        root, mx, wait_s = int(args[0]), float(args[1]), float(args[2])
        t_start = time.time()
        while True:
            a = snap(); time.sleep(1); b = snap()
            load = 100 * foreign(a, b, root) / TCK / ((b[0][2] - a[0][2]) / TCK or 1)
            waited = time.time() - t_start
            if load < mx or waited >= wait_s:
                print(f'{load:.0f} {waited:.0f}')
                break
            time.sleep(1)
    elif cmd == 'ticks':
        print(ticks(int(args[0])))
    elif cmd == 'pss':
        print(pss(int(args[0])))
    elif cmd == 'sample':
        sample(int(args[0]), args[1], float(args[2]), args[3], float(args[4]) if len(args) > 4 and args[4] != '-' else None,
               float(args[5]) if len(args) > 5 else 0.5)
    elif cmd == 'table':
        table(args[0], int(args[1]))
    elif cmd == 'step':
        step(*args)
    else:
        sys.exit(__doc__)

