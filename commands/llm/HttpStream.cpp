#include "commands/llm/HttpStream.h"

#include <curl/curl.h>

#include <cctype>
#include <exception>
#include <memory>
#include <mutex>

#include "commands/llm/Backoff.h"

namespace gloss::llm {

namespace {

CURLcode initializeCurlOnce() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using HeaderSlist = std::unique_ptr<curl_slist, SlistDeleter>;

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

// The state libcurl's callbacks share during one transfer.
class Transfer {
 public:
  Transfer(CURL* easy, HttpHandler& handler) : easy_(easy), handler_(handler) {}

  static size_t onHeaderLine(char* data, size_t size, size_t count, void* self) {
    static_cast<Transfer*>(self)->readHeader(std::string_view(data, size * count));
    return size * count;
  }
  static size_t onBodyBytes(char* data, size_t size, size_t count, void* self) {
    auto* transfer = static_cast<Transfer*>(self);
    bool keepGoing = transfer->guard([&] {
      transfer->deliverHead();
      transfer->handler_.onBody(std::string_view(data, size * count));
    });
    // Returning less than was given makes libcurl abort with CURLE_WRITE_ERROR.
    return keepGoing && !transfer->stopRequested() ? size * count : 0;
  }
  static int onProgress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<Transfer*>(self)->stopRequested() ? 1 : 0;
  }

  bool stopRequested() {
    if (!stopped_) guard([this] { stopped_ = handler_.shouldStop(); });
    return stopped_ || failure_;
  }
  bool stopped() const { return stopped_; }
  // An exception must not cross libcurl's C frames: it is kept, the transfer aborted, and the
  // exception rethrown once libcurl has returned.
  template <typename F>
  bool guard(F&& work) {
    if (failure_) return false;
    try {
      work();
      return true;
    } catch (...) {
      failure_ = std::current_exception();
      return false;
    }
  }
  void rethrowFailure() const {
    if (failure_) std::rethrow_exception(failure_);
  }

  void deliverHead() {
    if (head_) return;
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    if (status == 0) return;
    char* contentType = nullptr;
    curl_easy_getinfo(easy_, CURLINFO_CONTENT_TYPE, &contentType);
    head_ = HttpHead{status, contentType ? contentType : "",
                     retryAfterMs_ ? retryAfterMs_ : retryAfter_};
    handler_.onHead(*head_);
  }
  const std::optional<HttpHead>& head() const { return head_; }

 private:
  void readHeader(std::string_view line) {
    if (line.starts_with("HTTP/")) {  // a new response (after a 1xx): forget the previous one
      retryAfter_.reset();
      retryAfterMs_.reset();
      return;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (equalsIgnoringCase(name, "retry-after")) {
      retryAfter_ = parseRetryAfter(value, std::chrono::system_clock::now());
    } else if (equalsIgnoringCase(name, "retry-after-ms")) {
      retryAfterMs_ = parseRetryAfterMs(value);
    }
  }

  CURL* easy_;
  HttpHandler& handler_;
  bool stopped_ = false;
  std::optional<HttpHead> head_;
  std::optional<std::chrono::milliseconds> retryAfter_, retryAfterMs_;
  std::exception_ptr failure_;
};

HeaderSlist buildHeaders(const HttpRequest& request) {
  curl_slist* list = nullptr;
  for (const auto& [name, value] : request.headers)
    list = curl_slist_append(list, (name + ": " + value).c_str());
  // Without this, libcurl waits up to a second for "100 Continue" before sending a large body.
  list = curl_slist_append(list, "Expect:");
  return HeaderSlist(list);
}

void configure(CURL* easy, const HttpRequest& request, curl_slist* headers,
               std::chrono::milliseconds connectTimeout, Transfer& transfer, char* errorBuffer) {
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  if (request.method == HttpRequest::Method::Post) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
  } else {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connectTimeout.count()));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // we run on worker threads
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errorBuffer);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::onHeaderLine);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::onBodyBytes);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &Transfer::onProgress);
  curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &transfer);
}

// Drives the transfer with the multi interface so that libcurl wakes up (and calls the progress
// callback) every kHttpPollInterval even when the server sends nothing.
CURLcode run(CURLM* multi, CURL* easy) {
  curl_multi_add_handle(multi, easy);
  int running = 1;
  while (running) {
    if (curl_multi_perform(multi, &running) != CURLM_OK) break;
    if (running)
      curl_multi_poll(multi, nullptr, 0, static_cast<int>(kHttpPollInterval.count()), nullptr);
  }
  CURLcode code = CURLE_RECV_ERROR;
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
    if (message->msg == CURLMSG_DONE && message->easy_handle == easy) code = message->data.result;
  }
  curl_multi_remove_handle(multi, easy);
  return code;
}

HttpEnd classify(CURLcode code, const Transfer& transfer) {
  if (transfer.stopped()) return HttpEnd::Stopped;
  switch (code) {
    case CURLE_OK:
      return HttpEnd::Completed;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
      return HttpEnd::ConnectFailed;
    // Only the connect timeout is set, so a timeout can only come from it.
    case CURLE_OPERATION_TIMEDOUT:
      return HttpEnd::ConnectTimedOut;
    default:
      return HttpEnd::TransferFailed;
  }
}

}  // namespace

HttpOutcome performHttp(const HttpRequest& request, std::chrono::milliseconds connectTimeout,
                        HttpHandler& handler) {
  if (CURLcode init = initializeCurlOnce(); init != CURLE_OK)
    return {HttpEnd::ConnectFailed, std::nullopt,
            std::string("libcurl could not start: ") + curl_easy_strerror(init)};
  EasyHandle easy(curl_easy_init());
  MultiHandle multi(curl_multi_init());
  if (!easy || !multi) return {HttpEnd::ConnectFailed, std::nullopt, "libcurl could not start"};
  HeaderSlist headers = buildHeaders(request);
  Transfer transfer(easy.get(), handler);
  char errorBuffer[CURL_ERROR_SIZE] = {};
  configure(easy.get(), request, headers.get(), connectTimeout, transfer, errorBuffer);
  CURLcode code = run(multi.get(), easy.get());
  transfer.rethrowFailure();
  transfer.guard([&] { transfer.deliverHead(); });  // a response without a body has a status too
  transfer.rethrowFailure();
  HttpOutcome outcome{classify(code, transfer), transfer.head(), {}};
  if (code != CURLE_OK) outcome.detail = errorBuffer[0] ? errorBuffer : curl_easy_strerror(code);
  return outcome;
}

}  // namespace gloss::llm
