cases-count = { $count ->
    [one] { $count } справа
    [few] { $count } справи
   *[other] { $count } справ
}
