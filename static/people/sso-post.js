// Submits the SAML HTTP-POST binding form once the page has loaded (the button stays for those without JavaScript).
document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-sso-autosubmit]");
    if (form) {
        form.submit();
    }
});
