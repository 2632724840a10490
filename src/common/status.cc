#include "common/status.h"

namespace dq {

const std::string& Status::message() const {
  static const std::string kOk = "OK";
  return state_ ? state_->message : kOk;
}

}  // namespace dq
