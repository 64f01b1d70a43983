// The product cards' quantity choice: the PayLater message under the price follows it at once
// (the message computes the new figure itself, with no request).
for (const select of document.querySelectorAll('select[data-message]')) {
  select.addEventListener('change', () => {
    const message = document.getElementById(select.dataset.message);
    if (message) message.amount = Number(select.dataset.price) * Number(select.value);
  });
}
