package dev.portcullis.bench;

import dev.portcullis.it.Https;
import dev.portcullis.it.RunnableJar;
import dev.portcullis.totp.Totp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;

/**
 * The whole two-step browser login against the runnable jar, as an operator would measure it:
 * starts {@code target/portcullis.jar} like the tests do ({@link RunnableJar}: embedded H2, HTTPS,
 * the server JVM with {@code -Xmx512m} through {@code JVM_ARGS}), creates accounts with TOTP
 * through the real pages (register, set up the authenticator app), then runs logins with C
 * concurrent clients, each a fresh browser session of five requests (GET the login page, POST the
 * password, GET the code page, POST a TOTP code, GET the client area), warm-up first. Prints
 * logins/s, p50/p90/p99 per step, the server's CPU per login (from {@code /proc}), the CPU of the
 * password hashes (the server's own {@code portcullis.password.hash.cpu} timer) and what is left
 * beyond them, RSS idle and at peak, and the time from start to the first login page.
 *
 * <p>Run with {@code mvn -Pbench verify}; options as {@code -Dbench.logins.args="--clients=8
 * --logins=600"} ({@code --clients}, {@code --warmup}, {@code --logins}, {@code --heap}, and {@code
 * --jvm-args} for more options of the server JVM, such as a flight recording).
 */
public final class LoginBenchmark {

  private static final String PASSWORD = "correct horse battery staple";
  private static final List<String> STEPS =
      List.of("GET login page", "POST password", "GET code page", "POST code", "GET client area");
  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  /** The page's CSP nonce, which PrimeFaces' script adds to every form it submits. */
  private static final Pattern NONCE = Pattern.compile("csp\\.init\\('([^']+)'\\)");

  private static final Pattern SECRET = Pattern.compile("id=\"secretKey\"[^>]*>([A-Z2-7 ]+)<");

  private final Map<String, String> options;
  private final int httpsPort;
  private final String base;
  private final HttpClient http;
  private final Totp totp = Totp.standard();
  private RunnableJar server;

  private LoginBenchmark(Map<String, String> options) {
    this.options = options;
    this.httpsPort = Integer.parseInt(options.getOrDefault("https-port", "9743"));
    this.base = "https://localhost:" + httpsPort + "/portcullis/";
    this.http =
        Https.client()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.isBlank()) {
        String[] kv = arg.replaceFirst("^--", "").split("=", 2);
        options.put(kv[0], kv.length > 1 ? kv[1] : "true");
      }
    }
    LoginBenchmark benchmark = new LoginBenchmark(options);
    try {
      benchmark.run();
    } finally {
      benchmark.stop();
    }
  }

  private int option(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
  }

  private void run() throws Exception {
    int clients = option("clients", 4);
    int warmup = option("warmup", 100);
    int logins = option("logins", 300);
    String heap = options.getOrDefault("heap", "512m");

    double startSeconds = start(heap);
    Thread.sleep(5_000);
    long idleRss = status("VmRSS");

    System.out.printf(
        Locale.ROOT, "Creating %d accounts with TOTP through the pages...%n", warmup + logins);
    List<Customer> customers = createAccounts(warmup + logins, clients);

    System.out.printf(Locale.ROOT, "Warm-up: %d logins...%n", warmup);
    runLogins(customers.subList(0, warmup), clients);

    Thread.sleep(2_000);
    long cpuBefore = serverCpuNanos();
    double[] hashBefore = hashCpu();
    long wallBefore = System.nanoTime();
    Measured measured = runLogins(customers.subList(warmup, warmup + logins), clients);
    double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
    double cpuMsPerLogin = (serverCpuNanos() - cpuBefore) / 1e6 / logins;
    double[] hashAfter = hashCpu();
    double hashMs = hashAfter[0] - hashBefore[0];
    double hashes = hashAfter[1] - hashBefore[1];
    Thread.sleep(5_000);
    long idleAfter = status("VmRSS");

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Portcullis runnable jar, embedded H2, HTTPS, -Xmx%s, %d cores, %d clients, %d logins"
            + " after %d warm-up%n",
        heap,
        Runtime.getRuntime().availableProcessors(),
        clients,
        logins,
        warmup);
    System.out.printf(Locale.ROOT, "logins/s                      %8.1f%n", logins / wallSeconds);
    System.out.printf(Locale.ROOT, "failed logins                 %8d%n", measured.failures());
    for (String step : STEPS) {
      long[] times = measured.times(step);
      System.out.printf(
          Locale.ROOT,
          "%-24s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms%n",
          step,
          percentile(times, 50),
          percentile(times, 90),
          percentile(times, 99));
    }
    long[] whole = measured.times("login");
    System.out.printf(
        Locale.ROOT,
        "%-24s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms%n",
        "whole login",
        percentile(whole, 50),
        percentile(whole, 90),
        percentile(whole, 99));
    System.out.printf(Locale.ROOT, "server CPU per login          %8.1f ms%n", cpuMsPerLogin);
    System.out.printf(
        Locale.ROOT,
        "password hash CPU per login   %8.1f ms (%.0f hashes, %.1f ms each)%n",
        hashMs / logins,
        hashes,
        hashes == 0 ? 0 : hashMs / hashes);
    System.out.printf(
        Locale.ROOT, "CPU per login beyond the hash %8.1f ms%n", cpuMsPerLogin - hashMs / logins);
    System.out.printf(
        Locale.ROOT,
        "hash-bound ceiling            %8.1f logins/s (cores / hash CPU)%n",
        hashes == 0 ? 0 : Runtime.getRuntime().availableProcessors() / (hashMs / hashes / 1000.0));
    System.out.printf(
        Locale.ROOT,
        "RSS (launcher + server JVM) idle after start %d MiB, idle after the run %d MiB, peak %d"
            + " MiB%n",
        idleRss / 1024,
        idleAfter / 1024,
        status("VmHWM") / 1024);
    System.out.printf(Locale.ROOT, "start to first login page     %8.1f s%n", startSeconds);
  }

  /** Starts the runnable jar in a fresh folder; returns the seconds until the login page. */
  private double start(String heap) throws Exception {
    long started = System.nanoTime();
    server =
        RunnableJar.start(
            "bench",
            Integer.parseInt(options.getOrDefault("http-port", "9280")),
            httpsPort,
            Map.of(
                // the jar's launcher starts the server in a JVM of its own, with these options
                "JVM_ARGS",
                ("-Xmx" + heap + " " + options.getOrDefault("jvm-args", "")).strip(),
                // configured as in production: a secret key of its own, so no development key
                "PORTCULLIS_SECRET_KEY",
                Base64.getEncoder().encodeToString(randomBytes(32))));
    System.out.println("Started the runnable jar (console log: target/runnable-jar/bench/)");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (Instant.now().isBefore(deadline)) {
      if (!server.process().isAlive()) {
        throw new IllegalStateException("the server stopped: " + server.tail());
      }
      try {
        if (get(new Session(), "faces/login.xhtml").statusCode() == 200) {
          return (System.nanoTime() - started) / 1e9;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no login page within 4 minutes: " + server.tail());
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  /** An account with TOTP, and the last time step a code of it was used. */
  private static final class Customer {
    final String email;
    final byte[] secret;
    long lastStep;

    Customer(String email, byte[] secret, long lastStep) {
      this.email = email;
      this.secret = secret;
      this.lastStep = lastStep;
    }
  }

  private List<Customer> createAccounts(int count, int clients) throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Customer>> made = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String email = "bench+" + run + "-" + i + "@example.com";
        made.add(pool.submit(() -> createAccount(email)));
      }
      List<Customer> customers = new ArrayList<>();
      for (Future<Customer> customer : made) {
        customers.add(customer.get());
      }
      return customers;
    } finally {
      pool.shutdown();
    }
  }

  private Customer createAccount(String email) throws Exception {
    Session session = new Session();
    HttpResponse<String> form = expect(get(session, "faces/register.xhtml"), 200, "register page");
    expect(
        post(
            session,
            "faces/register.xhtml",
            "register",
            form.body(),
            Map.of(
                "register:email", email,
                "register:name", "Benchmark",
                "register:password", PASSWORD,
                "register:confirmation", PASSWORD)),
        302,
        "registration");
    HttpResponse<String> enroll =
        expect(get(session, "faces/app/totp/enroll.xhtml"), 200, "authenticator app set-up");
    Matcher secret = SECRET.matcher(enroll.body());
    if (!secret.find()) {
      throw new IllegalStateException("no secret key on the set-up page");
    }
    byte[] key = new Base32().decode(secret.group(1).replace(" ", ""));
    long step = totp.stepAt(Instant.now());
    expect(
        post(
            session,
            "faces/app/totp/enroll.xhtml",
            "confirm",
            enroll.body(),
            Map.of("confirm:code", totp.codeAt(key, step))),
        302,
        "authenticator app confirmation");
    return new Customer(email, key, step);
  }

  /** Response times per step (ns) and failed logins. */
  private record Measured(Map<String, ConcurrentLinkedQueue<Long>> steps, AtomicInteger failed) {
    long[] times(String step) {
      return steps.get(step).stream().mapToLong(Long::longValue).sorted().toArray();
    }

    int failures() {
      return failed.get();
    }
  }

  private Measured runLogins(List<Customer> customers, int clients) throws Exception {
    Measured measured = new Measured(new LinkedHashMap<>(), new AtomicInteger());
    for (String step : STEPS) {
      measured.steps.put(step, new ConcurrentLinkedQueue<>());
    }
    measured.steps.put("login", new ConcurrentLinkedQueue<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < customers.size();
                      i = next.getAndIncrement()) {
                    try {
                      logIn(customers.get(i), measured);
                    } catch (Exception e) {
                      measured.failed.incrementAndGet();
                      System.out.println("login failed: " + e.getMessage());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return measured;
  }

  private void logIn(Customer customer, Measured measured) throws Exception {
    Session session = new Session();
    long begin = System.nanoTime();
    HttpResponse<String> login =
        timed(measured, STEPS.get(0), () -> get(session, "faces/login.xhtml"));
    expect(login, 200, "login page");
    expect(
        timed(
            measured,
            STEPS.get(1),
            () ->
                post(
                    session,
                    "faces/login.xhtml",
                    "login",
                    login.body(),
                    Map.of("login:email", customer.email, "login:password", PASSWORD))),
        302,
        "password step");
    HttpResponse<String> verify =
        expect(
            timed(measured, STEPS.get(2), () -> get(session, "faces/login/verify.xhtml")),
            200,
            "code page");
    // a code of a step after the last one used (the enrollment's, or an earlier login's): never a
    // replay; the next step is inside the server's window
    long step = Math.max(totp.stepAt(Instant.now()), customer.lastStep + 1);
    customer.lastStep = step;
    HttpResponse<String> code =
        expect(
            timed(
                measured,
                STEPS.get(3),
                () ->
                    post(
                        session,
                        "faces/login/verify.xhtml",
                        "verify",
                        verify.body(),
                        Map.of("verify:code", totp.codeAt(customer.secret, step)))),
            302,
            "code step");
    if (!code.headers().firstValue("Location").orElse("").contains("app/index.xhtml")) {
      throw new IllegalStateException("the code step did not lead to the client area");
    }
    expect(
        timed(measured, STEPS.get(4), () -> get(session, "faces/app/index.xhtml")),
        200,
        "client area");
    measured.steps.get("login").add(System.nanoTime() - begin);
  }

  private interface Call {
    HttpResponse<String> send() throws Exception;
  }

  private static HttpResponse<String> timed(Measured measured, String step, Call call)
      throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = call.send();
    measured.steps.get(step).add(System.nanoTime() - start);
    return response;
  }

  private static HttpResponse<String> expect(
      HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          what
              + ": HTTP "
              + response.statusCode()
              + " instead of "
              + status
              + response.headers().firstValue("Location").map(l -> " (to " + l + ")").orElse(""));
    }
    return response;
  }

  /** A browser's cookie jar, one per login. */
  private static final class Session {
    final Map<String, String> cookies = new LinkedHashMap<>();

    void remember(HttpResponse<?> response) {
      for (String header : response.headers().allValues("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
    }

    HttpRequest.Builder apply(HttpRequest.Builder request) {
      if (!cookies.isEmpty()) {
        request.header(
            "Cookie",
            String.join(
                "; ",
                cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      return request;
    }
  }

  private HttpResponse<String> get(Session session, String page) throws Exception {
    HttpRequest request =
        session.apply(HttpRequest.newBuilder(URI.create(base + page)).timeout(timeout())).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    session.remember(response);
    return response;
  }

  /**
   * Submits the form {@code form} of {@code page} as the browser does (non-AJAX, with the page's
   * nonce that PrimeFaces' script adds).
   */
  private HttpResponse<String> post(
      Session session, String page, String form, String pageHtml, Map<String, String> fields)
      throws Exception {
    Matcher viewState = VIEW_STATE.matcher(pageHtml);
    if (!viewState.find()) {
      throw new IllegalStateException("no view state on " + page);
    }
    Map<String, String> body = new LinkedHashMap<>(fields);
    body.put(form, form);
    body.put(form + ":submit", "");
    body.put("jakarta.faces.ViewState", viewState.group(1));
    Matcher nonce = NONCE.matcher(pageHtml);
    if (nonce.find()) {
      body.put("primefaces.nonce", nonce.group(1));
    }
    String encoded =
        String.join(
            "&",
            body.entrySet().stream()
                .map(
                    e ->
                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .toList());
    HttpRequest request =
        session
            .apply(
                HttpRequest.newBuilder(URI.create(base + page))
                    .timeout(timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://localhost:" + httpsPort))
            .POST(HttpRequest.BodyPublishers.ofString(encoded))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    session.remember(response);
    return response;
  }

  private static Duration timeout() {
    return Duration.ofSeconds(60);
  }

  /**
   * The server's processes: {@code java -jar} and the server JVM it starts (the runnable jar's
   * launcher runs Liberty in a process of its own).
   */
  private List<ProcessHandle> serverProcesses() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(server.process().toHandle());
    server.process().descendants().forEach(all::add);
    return all;
  }

  /** The server's user + system CPU time so far, from {@code /proc/<pid>/stat}. */
  private long serverCpuNanos() throws IOException {
    long ticks = 0;
    for (ProcessHandle process : serverProcesses()) {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime, fields 14 and 15 of proc(5), in clock ticks
      ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
    return ticks * 10_000_000L; // USER_HZ is 100 on Linux
  }

  /** A line of {@code /proc/<pid>/status} in KiB (VmRSS, VmHWM), summed over the processes. */
  private long status(String field) throws IOException {
    long kib = 0;
    for (ProcessHandle process : serverProcesses()) {
      kib +=
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
              .filter(l -> l.startsWith(field + ":"))
              .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
              .sum();
    }
    return kib;
  }

  /** The password-hash CPU timer of {@code /metrics}: total milliseconds and count. */
  private double[] hashCpu() throws Exception {
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/metrics"))
                .timeout(timeout())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double sum = 0;
    double count = 0;
    for (String line : metrics.body().split("\n")) {
      if (line.startsWith("portcullis_password_hash_cpu_seconds_sum")) {
        sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
      } else if (line.startsWith("portcullis_password_hash_cpu_seconds_count")) {
        count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return new double[] {sum, count};
  }

  private static double percentile(long[] sortedNanos, int p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
  }
}
