/**
 * The account e-mails: Portuguese first (the product's language), one English line under it for the
 * teams that read English. Plain text only, so every client shows the link as it is.
 */
interface AccountMail {
  subject: string;
  text: string;
}

const sign = '\n\n— Jimmy Chat';

export function verifyEmailMail(name: string, link: string): AccountMail {
  return {
    subject: 'Confirme seu e-mail no Jimmy Chat / Confirm your e-mail',
    text:
      `Olá, ${name}!\n\nFalta pouco para começar o seu teste grátis. Confirme seu e-mail abrindo o link abaixo (vale por 48 horas):\n\n${link}\n\n` +
      `Se você não criou uma conta no Jimmy Chat, ignore esta mensagem.\n\n` +
      `English: confirm your e-mail to start your free trial by opening the link above (valid for 48 hours).${sign}`,
  };
}

export function resetPasswordMail(name: string, link: string): AccountMail {
  return {
    subject: 'Redefinir sua senha do Jimmy Chat / Reset your password',
    text:
      `Olá, ${name}!\n\nRecebemos um pedido para redefinir a sua senha. Para escolher uma nova, abra o link abaixo (vale por 1 hora):\n\n${link}\n\n` +
      `Se não foi você, ignore esta mensagem: sua senha continua a mesma.\n\n` +
      `English: open the link above within 1 hour to choose a new password; if you did not ask for it, ignore this e-mail.${sign}`,
  };
}

export function invitationMail(name: string, companyName: string, inviterName: string, link: string): AccountMail {
  return {
    subject: `Convite para a equipe ${companyName} no Jimmy Chat / You are invited`,
    text:
      `Olá, ${name}!\n\n${inviterName} convidou você para atender os clientes de ${companyName} no Jimmy Chat. ` +
      `Para aceitar, abra o link abaixo e escolha a sua senha (vale por 7 dias):\n\n${link}\n\n` +
      `English: ${inviterName} invited you to join ${companyName} on Jimmy Chat; open the link above within 7 days to choose your password.${sign}`,
  };
}
