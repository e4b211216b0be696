// One autocannon run in a process of its own, so that the load generator does not compete with the server under test
// for its event loop (nor count in its CPU time). Options come as JSON in argv[2]; the result goes to stdout as JSON.
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2]);
const r = await autocannon(opts);
process.stdout.write(JSON.stringify({
  duration: r.duration, completed: r.requests.total ?? r.totalCompletedRequests,
  errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, statusCodeStats: r.statusCodeStats,
  latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.mean },
}));
