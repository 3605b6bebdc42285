// LTI Dynamic Registration: tell the LMS page that opened us that registration is finished.
const close = () => (window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");
document.querySelectorAll("[data-lti-close]").forEach((button) => button.addEventListener("click", close));
