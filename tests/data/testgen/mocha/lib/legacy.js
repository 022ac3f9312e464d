function join(parts) {
  return parts.join(",");
}

exports.join = join;
