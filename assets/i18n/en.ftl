cases-count = { $count ->
    [one] { $count } case
   *[other] { $count } cases
}
