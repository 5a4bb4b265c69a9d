cases-count = { $count ->
    [one] { $count } případ
    [few] { $count } případy
   *[other] { $count } případů
}
